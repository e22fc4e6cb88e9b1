using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Sasg.TestSupport;

/// <summary>Writes TorchScript files in the layout <c>torch.jit.save</c> writes, without PyTorch, so that tests make
/// their own models: a zip with <c>version</c>, the module's TorchScript source under <c>code/</c>, its object tree
/// pickled (protocol 2) in <c>data.pkl</c>, and each tensor's bytes under <c>data/</c>.</summary>
/// <remarks>The layout was read from a file saved by Debian's python3-torch 1.13 (<c>torch.jit.script(m).save</c>):
/// the same opcodes, the same <c>_rebuild_tensor_v2</c> calls and the same file-format version, 3.</remarks>
public static class TorchScriptArchive
{
    /// <summary>Writes <paramref name="root"/>, whose classes are defined in <paramref name="code"/> (the source of
    /// the <c>__torch__</c> namespace), to <paramref name="path"/>.</summary>
    public static void Write(string path, string code, TorchScriptObject root)
    {
        var tensors = new List<TorchScriptTensor>();
        var pickle = new PickleWriter(tensors);
        pickle.Object(root);
        var data = pickle.Finish();

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "archive/version", "3\n"u8.ToArray());
        Add(zip, "archive/code/__torch__.py", Encoding.UTF8.GetBytes(code));
        Add(zip, "archive/constants.pkl", [0x80, 0x02, (byte)')', (byte)'.']);
        Add(zip, "archive/data.pkl", data);
        for (var i = 0; i < tensors.Count; i++)
        {
            Add(zip, $"archive/data/{i}", tensors[i].Bytes());
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private sealed class PickleWriter(List<TorchScriptTensor> tensors)
    {
        private readonly MemoryStream _out = new();

        public void Object(TorchScriptObject value)
        {
            var dot = value.ClassName.LastIndexOf('.');
            Global(value.ClassName[..dot], value.ClassName[(dot + 1)..]);
            Op(')');
            _out.WriteByte(0x81); // NEWOBJ
            Op('}');
            Op('(');
            foreach (var (name, attribute) in value.Attributes)
            {
                Text(name);
                Value(attribute);
            }

            Op('u'); // SETITEMS
            Op('b'); // BUILD
        }

        public byte[] Finish()
        {
            Op('.');
            return [0x80, 0x02, .. _out.ToArray()];
        }

        private void Value(object? value)
        {
            switch (value)
            {
                case null:
                    Op('N');
                    break;
                case bool flag:
                    _out.WriteByte(flag ? (byte)0x88 : (byte)0x89);
                    break;
                case TorchScriptTensor tensor:
                    Tensor(tensor);
                    break;
                case TorchScriptObject child:
                    Object(child);
                    break;
                default:
                    throw new ArgumentException($"Cannot pickle a {value.GetType().Name}.", nameof(value));
            }
        }

        // torch._utils._rebuild_tensor_v2((storage persistent id), offset, sizes, strides, requires_grad, OrderedDict()).
        private void Tensor(TorchScriptTensor tensor)
        {
            var key = tensors.Count;
            tensors.Add(tensor);
            Global("torch._utils", "_rebuild_tensor_v2");
            Op('(');
            Op('(');
            Text("storage");
            Global("torch", tensor.StorageClass);
            Text(key.ToString(CultureInfo.InvariantCulture));
            Text("cpu");
            Int(tensor.Values.Length);
            Op('t');
            Op('Q'); // BINPERSID
            Int(0);
            Op('(');
            foreach (var size in tensor.Shape)
            {
                Int((int)size);
            }

            Op('t');
            Op('(');
            var stride = 1L;
            var strides = new long[tensor.Shape.Count];
            for (var i = strides.Length - 1; i >= 0; i--)
            {
                strides[i] = stride;
                stride *= tensor.Shape[i];
            }

            foreach (var s in strides)
            {
                Int((int)s);
            }

            Op('t');
            _out.WriteByte(tensor.RequiresGrad ? (byte)0x88 : (byte)0x89);
            Global("collections", "OrderedDict");
            Op(')');
            Op('R');
            Op('t');
            Op('R');
        }

        private void Global(string module, string name)
        {
            Op('c');
            _out.Write(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));
        }

        private void Text(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Op('X');
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
            _out.Write(length);
            _out.Write(bytes);
        }

        private void Int(int value)
        {
            Op('J');
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
            _out.Write(bytes);
        }

        private void Op(char code) => _out.WriteByte((byte)code);
    }
}
