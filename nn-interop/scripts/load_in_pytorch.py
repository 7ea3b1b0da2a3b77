# Loads a safetensors file written by nnfs into PyTorch, with nothing but PyTorch and the standard library
# (no safetensors package): reads the header with struct and json, builds the nn.Sequential that the file's
# 'nnfs.model' metadata describes, and calls load_state_dict(strict=True) on the tensors.
#
# usage: python3 load_in_pytorch.py MODEL.safetensors [INPUTS.csv EXPECTED.csv]
#   With INPUTS.csv (one example per row) and EXPECTED.csv (the nnfs model's outputs for them), it also runs the
#   PyTorch model and prints the largest difference.
import json, struct, sys
import numpy as np
import torch
from torch import nn

DTYPES = {'F32': np.float32, 'F64': np.float64}


class Rescale(nn.Module):
    """nnfs' rescale layer: (x - center) * scale + offset, from buffers."""
    def __init__(self, width):
        super().__init__()
        self.register_buffer('center', torch.zeros(width))
        self.register_buffer('scale', torch.ones(width))
        self.register_buffer('offset', torch.zeros(width))

    def forward(self, x):
        return (x - self.center) * self.scale + self.offset


def read_safetensors(path):
    with open(path, 'rb') as f:
        raw = f.read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n].decode('utf-8'))
    metadata = header.pop('__metadata__', {})
    data = raw[8 + n:]
    tensors = {}
    for key, entry in header.items():
        begin, end = entry['data_offsets']
        array = np.frombuffer(data[begin:end], dtype=np.dtype(DTYPES[entry['dtype']]).newbyteorder('<'))
        tensors[key] = torch.from_numpy(array.reshape(entry['shape']).copy())
    return metadata, tensors


def sequential(architecture):
    width = architecture['input']
    modules = []
    for layer in architecture['layers']:
        kind, config = layer['type'], layer.get('config', {})
        if kind == 'dense':
            modules.append(nn.Linear(width, int(config['units'])))
            width = int(config['units'])
        elif kind == 'relu':
            modules.append(nn.ReLU())
        elif kind == 'sigmoid':
            modules.append(nn.Sigmoid())
        elif kind == 'tanh':
            modules.append(nn.Tanh())
        elif kind == 'leaky_relu':
            modules.append(nn.LeakyReLU(float(config.get('alpha', 0.01))))
        elif kind == 'softmax':
            modules.append(nn.Softmax(dim=1))
        elif kind == 'dropout':
            modules.append(nn.Dropout(float(config['rate'])))
        elif kind == 'rescale':
            modules.append(Rescale(width))
        else:
            raise SystemExit(f"layer type '{kind}' has no PyTorch module in this script")
    model = nn.Sequential(*modules)
    return model.double() if architecture['dtype'] == 'float64' else model


metadata, tensors = read_safetensors(sys.argv[1])
architecture = json.loads(metadata['nnfs.model'])
model = sequential(architecture).eval()
print(model)
print('load_state_dict:', model.load_state_dict(tensors, strict=True))
if len(sys.argv) == 4:
    dtype = np.float64 if architecture['dtype'] == 'float64' else np.float32
    x = torch.from_numpy(np.loadtxt(sys.argv[2], delimiter=',', dtype=dtype, ndmin=2))
    expected = np.loadtxt(sys.argv[3], delimiter=',', ndmin=2)
    with torch.no_grad():
        y = model(x).numpy()
    print(f'{len(x)} examples: largest difference from nnfs {np.abs(y - expected).max():.3g}')
