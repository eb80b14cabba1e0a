using System.Text.Json.Serialization;

namespace PveCluster.Bench.Cfs.Worker;

/// <summary>Source-generated JSON for what travels from a node's worker to the host.</summary>
[JsonSerializable(typeof(WriteSample))]
[JsonSerializable(typeof(ReadSample))]
[JsonSerializable(typeof(TimedCommandSample))]
[JsonSerializable(typeof(StepTrace))]
internal sealed partial class WorkerJson : JsonSerializerContext;
