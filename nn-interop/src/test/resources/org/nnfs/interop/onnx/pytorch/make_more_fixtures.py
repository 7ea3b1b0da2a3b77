# More ONNX fixtures written by PyTorch's own exporter (Debian python3-torch 1.13 + python3-onnx 1.12), for the
# importer's cases that make_fixtures.py (the project's first two fixtures) does not reach: an image input
# [batch, 1, 28, 28] normalised in the graph (Sub and Div by scalars on 4-D data) and flattened, BatchNorm1d in
# inference, Dropout, Sigmoid, LeakyReLU. Trained briefly on MNIST; the expected outputs are PyTorch's for the
# first 200 test images. usage: /usr/bin/python3 make_more_fixtures.py MNIST_DIR OUTDIR
import sys, os, gzip, numpy as np, torch, onnx
D, OUT = sys.argv[1], sys.argv[2]
def idx(name):
    b = gzip.open(os.path.join(D, name + '.gz')).read()
    return np.frombuffer(b[16:] if 'images' in name else b[8:], np.uint8)
xtr = torch.from_numpy(idx('train-images-idx3-ubyte').reshape(-1, 1, 28, 28).astype(np.float32) / 255)
ytr = torch.from_numpy(idx('train-labels-idx1-ubyte').astype(np.int64))
xte = torch.from_numpy(idx('t10k-images-idx3-ubyte').reshape(-1, 1, 28, 28).astype(np.float32) / 255)
yte = torch.from_numpy(idx('t10k-labels-idx1-ubyte').astype(np.int64))

class Normalise(torch.nn.Module):  # exports as Sub and Div by scalar constants on the 4-D input
    def forward(self, x): return (x - 0.1307) / 0.3081

def train(model, epochs):
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    g = torch.Generator().manual_seed(0)
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(60000, generator=g)
        for i in range(0, 60000, 128):
            b = perm[i:i+128]
            opt.zero_grad()
            loss = torch.nn.NLLLoss()(torch.log(model(xtr[b]) + 1e-9), ytr[b]); loss.backward(); opt.step()
    return model

def export(name, model, opset):
    model.eval()
    with torch.no_grad():
        y = model(xte[:200]).numpy()
        acc = float((model(xte).argmax(1) == yte).float().mean())
    path = os.path.join(OUT, name + '.onnx')
    torch.onnx.export(model, xte[:1], path, opset_version=opset, input_names=['image'], output_names=['probabilities'],
                      dynamic_axes={'image': {0: 'batch'}, 'probabilities': {0: 'batch'}})
    onnx.checker.check_model(onnx.load(path))
    np.savetxt(os.path.join(OUT, name + '.expected.csv'), y, delimiter=',', fmt='%.8e')
    ops = sorted({n.op_type for n in onnx.load(path).graph.node})
    print(f"{name}: opset {opset}, ops {ops}, test accuracy {acc:.4f}")

torch.manual_seed(2)
nn = torch.nn
export('image_bn_sigmoid', train(nn.Sequential(Normalise(), nn.Flatten(), nn.Linear(784, 64), nn.BatchNorm1d(64),
                                               nn.Sigmoid(), nn.Dropout(0.2), nn.Linear(64, 10), nn.Softmax(dim=1)), 1), 12)
export('image_leaky_relu', train(nn.Sequential(nn.Flatten(), nn.Linear(784, 48), nn.LeakyReLU(0.1),
                                               nn.Linear(48, 10), nn.Softmax(dim=1)), 1), 14)
