using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sasg.Learning.Tests.Runtime;

/// <summary>Finds, with the C# compiler's semantic model, every place where a C# number meets a TorchSharp tensor
/// without a <c>Scalar</c> that the code keeps alive (docs/architecture.md, "Native memory discipline").</summary>
/// <remarks>
/// Four shapes are reported: an implicit conversion to <c>TorchSharp.Scalar</c> (<c>t.mul(2)</c>,
/// <c>t.add_(u, alpha: a)</c>, <c>full(n, 1, -1.0)</c>); a tensor operator with a number on one side (<c>0.5 * t</c>,
/// <c>t / n</c>, <c>t += 1</c>); a TorchSharp member that converts inside itself (<see cref="TorchSharpHiddenScalars"/>:
/// <c>a + b</c> on two tensors, <c>softplus</c>, <c>elu</c>); and a read of a tensor's value through a Scalar that is let
/// go (<c>t.ToDouble()</c>). A module's <c>forward</c> reached through <c>call</c> is not seen: Sasg's models use
/// <c>nn.Linear</c> and <c>nn.Conv2d</c>, which convert nothing.
/// </remarks>
internal static class ScalarUseScanner
{
    // TorchSharp's Tensor-to-number reads, which make a Scalar explicitly and let it go while it is read.
    private static readonly HashSet<string> ScalarReads =
    [
        "ToDouble", "ToSingle", "ToInt64", "ToInt32", "ToInt16", "ToByte", "ToSByte", "ToBoolean", "ToHalf",
        "ToBFloat16", "ToComplexFloat32", "ToComplexFloat64",
    ];

    /// <summary>The offending places in <paramref name="sources"/> (path and text), as "path:line: code (why)".</summary>
    public static IReadOnlyList<string> Scan(IEnumerable<(string Path, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.g.cs"));
        var compilation = CSharpCompilation.Create(
            "ScalarScan", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var offenders = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (Reason(model, node) is { } reason)
                {
                    var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
                    offenders.Add($"{tree.FilePath}:{line}: {node.ToString().Trim()} ({reason})");
                }
            }
        }

        return offenders;
    }

    private static string? Reason(SemanticModel model, SyntaxNode node)
    {
        switch (node)
        {
            case ExpressionSyntax expression when IsScalar(model.GetTypeInfo(expression).ConvertedType)
                                                  && !IsScalar(model.GetTypeInfo(expression).Type)
                                                  && model.GetTypeInfo(expression).Type is not null:
                return "implicit Scalar";
            case BinaryExpressionSyntax or AssignmentExpressionSyntax or InvocationExpressionSyntax
                when model.GetSymbolInfo(node).Symbol is IMethodSymbol method && method.ContainingAssembly?.Name == "TorchSharp":
                var definition = (method.ReducedFrom ?? method).OriginalDefinition;
                if (TorchSharpHiddenScalars.Members.Contains(definition.ToDisplayString()))
                {
                    return "TorchSharp makes a Scalar inside";
                }

                if (method.MethodKind == MethodKind.UserDefinedOperator && IsTensor(method.ContainingType)
                    && method.Parameters.Any(p => IsNumber(p.Type)))
                {
                    return "tensor operator with a number";
                }

                return ScalarReads.Contains(method.Name) && definition.Parameters.Any(p => IsTensor(p.Type))
                    ? "reads a tensor through a Scalar it does not keep" : null;
            default:
                return null;
        }
    }

    private static bool IsScalar(ITypeSymbol? type) =>
        type is { Name: "Scalar", ContainingNamespace.Name: "TorchSharp" };

    private static bool IsTensor(ITypeSymbol? type) =>
        type is { Name: "Tensor" or "Parameter", ContainingAssembly.Name: "TorchSharp" };

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double
        or SpecialType.System_Single or SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Int16
        or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean;

    // The runtime's assemblies and the ones Sasg.Learning references (TorchSharp among them). Experiments' other
    // packages stay unresolved: expressions on their types are errors the scan does not look at.
    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var learning = typeof(Sasg.Learning.Runtime.TensorScalars).Assembly.GetReferencedAssemblies()
            .Select(name => Assembly.Load(name).Location);
        return platform.Concat(learning).Where(File.Exists).Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }

    // What ImplicitUsings gives a Microsoft.NET.Sdk project.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
