// Compiled by MSBuild's RoslynCodeTaskFactory from LibTorchCompat.targets; not part of any project.
// Marks one symbol-version need of an ELF64 little-endian shared library as WEAK, in place of a copy,
// when the system's libstdc++ does not define that version. See LibTorchCompat.targets for why.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class SasgWeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string VersionName { get; set; } = string.Empty;

    public override bool Execute()
    {
        string? libStdCxx = FindSystemLibStdCxx();
        if (libStdCxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "LibTorchCompat: no system libstdc++.so.6 found; nothing to do.");
            return true;
        }

        if (ContainsBytes(File.ReadAllBytes(libStdCxx), Encoding.ASCII.GetBytes(VersionName + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, $"LibTorchCompat: {libStdCxx} defines {VersionName}; nothing to do.");
            return true;
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                string outcome = Patch(path, VersionName);
                Log.LogMessage(MessageImportance.Normal, $"LibTorchCompat: {path}: {outcome}");
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"LibTorchCompat: could not mark {VersionName} weak in {path}: {ex.Message}");
            }
        }

        return !Log.HasLoggedErrors;
    }

    private static string? FindSystemLibStdCxx()
    {
        foreach (string candidate in LibStdCxxCandidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool ContainsBytes(byte[] haystack, byte[] needle)
    {
        // The task factory compiles against netstandard2.0, which has no span search.
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on every vernaux entry named <paramref name="versionName"/>.</summary>
    private static string Patch(string path, string versionName)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        ulong sectionHeaderOffset = ReadU64(elf, 0x28);
        int sectionHeaderSize = ReadU16(elf, 0x3A);
        int sectionCount = ReadU16(elf, 0x3C);
        var patchedOffsets = new List<int>();
        int alreadyWeak = 0;

        for (int s = 0; s < sectionCount; s++)
        {
            int header = checked((int)sectionHeaderOffset + (s * sectionHeaderSize));
            if (ReadU32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            int stringTableHeader = checked((int)sectionHeaderOffset + ((int)ReadU32(elf, header + 40) * sectionHeaderSize));
            int stringTable = checked((int)ReadU64(elf, stringTableHeader + 24));
            int verneed = checked((int)ReadU64(elf, header + 24));
            int verneedCount = (int)ReadU32(elf, header + 44);

            for (int n = 0; n < verneedCount; n++)
            {
                int auxCount = ReadU16(elf, verneed + 2);
                int aux = verneed + (int)ReadU32(elf, verneed + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    string name = ReadCString(elf, stringTable + (int)ReadU32(elf, aux + 8));
                    if (name == versionName)
                    {
                        ushort flags = ReadU16(elf, aux + 4);
                        if ((flags & VerFlagWeak) != 0)
                        {
                            alreadyWeak++;
                        }
                        else
                        {
                            WriteU16(elf, aux + 4, (ushort)(flags | VerFlagWeak));
                            patchedOffsets.Add(aux + 4);
                        }
                    }

                    aux += (int)ReadU32(elf, aux + 12);
                }

                verneed += (int)ReadU32(elf, verneed + 12);
            }
        }

        if (patchedOffsets.Count == 0)
        {
            return alreadyWeak > 0 ? $"{versionName} already weak" : $"no need for {versionName}; left unchanged";
        }

        // Write a new file and rename it over the old one, so that a hard link into the NuGet cache
        // (if a build ever creates one) keeps the original bytes.
        // The original time stamp is kept so that the next incremental build sees an unchanged file and
        // does not copy the unpatched library over this one again.
        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        string temporary = path + ".sasg-tmp";
        File.WriteAllBytes(temporary, elf);
        File.Delete(path);
        File.Move(temporary, path);
        File.SetLastWriteTimeUtc(path, lastWrite);
        return $"marked {versionName} weak at offset(s) {string.Join(", ", patchedOffsets)}";
    }

    private static ushort ReadU16(byte[] b, int o) => (ushort)(b[o] | (b[o + 1] << 8));

    private static uint ReadU32(byte[] b, int o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

    private static ulong ReadU64(byte[] b, int o) => ReadU32(b, o) | ((ulong)ReadU32(b, o + 4) << 32);

    private static void WriteU16(byte[] b, int o, ushort v)
    {
        b[o] = (byte)(v & 0xff);
        b[o + 1] = (byte)(v >> 8);
    }

    private static string ReadCString(byte[] b, int o)
    {
        int end = Array.IndexOf(b, (byte)0, o);
        return Encoding.ASCII.GetString(b, o, end - o);
    }
}
