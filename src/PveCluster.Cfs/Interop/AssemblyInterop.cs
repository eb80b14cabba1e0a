using System.Runtime.CompilerServices;

// Only blittable data crosses into native code: every import is source-generated (LibraryImport)
// and every struct is laid out by hand against the lab notes.
[assembly: DisableRuntimeMarshalling]
