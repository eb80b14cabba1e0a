using System.Runtime.CompilerServices;

// Only blittable types cross the native boundary; the source generator does the rest. This keeps
// every struct layout explicit and testable (see the layout tests) instead of relying on the
// runtime marshaller's implicit copies.
[assembly: DisableRuntimeMarshalling]
