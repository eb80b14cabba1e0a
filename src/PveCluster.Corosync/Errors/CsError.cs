namespace PveCluster.Corosync;

/// <summary>
/// Mirror of corosync's <c>cs_error_t</c>. Success is <see cref="Ok"/> == 1, not 0: a typed enum
/// keeps a raw int (or errno) from ever being compared against the wrong "success" value.
/// </summary>
public enum CsError
{
    Ok = 1,
    Library = 2,          // IPC connection to corosync lost or never established
    Version = 3,
    Init = 4,
    Timeout = 5,
    TryAgain = 6,         // transient: sync in progress, flow control, IPC queue full
    InvalidParam = 7,
    NoMemory = 8,
    BadHandle = 9,
    Busy = 10,
    Access = 11,
    NotExist = 12,
    NameTooLong = 13,
    Exist = 14,
    NoSpace = 15,
    Interrupt = 16,
    NameNotFound = 17,
    NoResources = 18,
    NotSupported = 19,
    BadOperation = 20,
    FailedOperation = 21,
    MessageError = 22,
    QueueFull = 23,
    QueueNotAvailable = 24,
    BadFlags = 25,
    TooBig = 26,
    NoSections = 27,
    ContextNotFound = 28,
    TooManyGroups = 30,
    Security = 100,
}
