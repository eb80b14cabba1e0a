namespace PveCluster.Corosync;

/// <summary>Human-readable names for <see cref="CsError"/>, in corosync's own CS_ERR_* spelling so logs grep well.</summary>
public static class CsErrorText
{
    /// <summary>E.g. <c>CS_ERR_INVALID_PARAM</c>; unknown values render as <c>CS_ERR(42)</c>.</summary>
    public static string Describe(CsError error) => error switch
    {
        CsError.Ok => "CS_OK",
        CsError.Library => "CS_ERR_LIBRARY",
        CsError.Version => "CS_ERR_VERSION",
        CsError.Init => "CS_ERR_INIT",
        CsError.Timeout => "CS_ERR_TIMEOUT",
        CsError.TryAgain => "CS_ERR_TRY_AGAIN",
        CsError.InvalidParam => "CS_ERR_INVALID_PARAM",
        CsError.NoMemory => "CS_ERR_NO_MEMORY",
        CsError.BadHandle => "CS_ERR_BAD_HANDLE",
        CsError.Busy => "CS_ERR_BUSY",
        CsError.Access => "CS_ERR_ACCESS",
        CsError.NotExist => "CS_ERR_NOT_EXIST",
        CsError.NameTooLong => "CS_ERR_NAME_TOO_LONG",
        CsError.Exist => "CS_ERR_EXIST",
        CsError.NoSpace => "CS_ERR_NO_SPACE",
        CsError.Interrupt => "CS_ERR_INTERRUPT",
        CsError.NameNotFound => "CS_ERR_NAME_NOT_FOUND",
        CsError.NoResources => "CS_ERR_NO_RESOURCES",
        CsError.NotSupported => "CS_ERR_NOT_SUPPORTED",
        CsError.BadOperation => "CS_ERR_BAD_OPERATION",
        CsError.FailedOperation => "CS_ERR_FAILED_OPERATION",
        CsError.MessageError => "CS_ERR_MESSAGE_ERROR",
        CsError.QueueFull => "CS_ERR_QUEUE_FULL",
        CsError.QueueNotAvailable => "CS_ERR_QUEUE_NOT_AVAILABLE",
        CsError.BadFlags => "CS_ERR_BAD_FLAGS",
        CsError.TooBig => "CS_ERR_TOO_BIG",
        CsError.NoSections => "CS_ERR_NO_SECTIONS",
        CsError.ContextNotFound => "CS_ERR_CONTEXT_NOT_FOUND",
        CsError.TooManyGroups => "CS_ERR_TOO_MANY_GROUPS",
        CsError.Security => "CS_ERR_SECURITY",
        _ => $"CS_ERR({(int)error})",
    };
}
