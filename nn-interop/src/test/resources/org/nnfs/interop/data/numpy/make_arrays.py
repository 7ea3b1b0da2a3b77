# Writes the NumPy test arrays with NumPy itself (Debian python3-numpy 1.24): every element type and byte
# order the reader takes, the three format versions, and .npz archives as np.savez and np.savez_compressed
# write them. Values are small integers (i * 0.5 - 3, or i % 7 for labels) that tests recompute.
# usage: /usr/bin/python3 make_arrays.py OUTDIR
import sys, os, numpy as np
from numpy.lib import format as npformat
out = sys.argv[1]
def values(shape, dtype):
    n = int(np.prod(shape))
    v = np.arange(n) * 0.5 - 3 if np.dtype(dtype).kind == 'f' else np.arange(n) % 7
    return v.reshape(shape).astype(dtype)
np.save(os.path.join(out, 'float32.npy'), values((3, 4), '<f4'))
np.save(os.path.join(out, 'float64-big-endian.npy'), values((2, 3), '>f8'))
np.save(os.path.join(out, 'uint8-images.npy'), values((5, 2, 3), 'u1'))
np.save(os.path.join(out, 'int64-labels.npy'), values((5,), '<i8'))
np.save(os.path.join(out, 'int32-column.npy'), values((5, 1), '<i4'))
np.save(os.path.join(out, 'fortran.npy'), np.asfortranarray(values((2, 3), '<f4')))
for version in [(2, 0), (3, 0)]:
    with open(os.path.join(out, 'version%d.npy' % version[0]), 'wb') as f:
        npformat.write_array(f, values((2, 2), '<f8'), version=version)
x, y = values((6, 4), '<f4'), values((6,), '<i8')
np.savez(os.path.join(out, 'savez.npz'), x=x, y=y)
np.savez_compressed(os.path.join(out, 'savez-compressed.npz'), x=x, y=y)
