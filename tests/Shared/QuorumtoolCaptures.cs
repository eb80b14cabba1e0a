namespace PveCluster.Tests.Shared;

/// <summary>
/// Verbatim output of corosync-quorumtool 3.1.7 captured in the netns lab on 2026-11-26, shared by
/// every test project that parses or reproduces it (linked into each; see tests/Shared/README.md).
/// Names: S = -s, i = -i (addresses), H = -H (hex ids), L = -l. Trailing spaces are significant:
/// quorumtool prints "Quorum: N  " and a space after each flag.
/// </summary>
internal static class QuorumtoolCaptures
{
    public const string ThreeNodeSiH = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:09 2026
    Quorum provider:  corosync_votequorum
    Nodes:            3
    Node ID:          0x00000001
    Ring ID:          1.9
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      3
    Quorum:           2  
    Flags:            Quorate 

    Membership information
    ----------------------
        Nodeid      Votes Name
    0x00000001          1 198.18.0.1 (local)
    0x00000002          1 198.18.0.2
    0x00000003          1 198.18.0.3
    """ + "\n";

    public const string ThreeNodeS = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:09 2026
    Quorum provider:  corosync_votequorum
    Nodes:            3
    Node ID:          1
    Ring ID:          1.9
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      3
    Quorum:           2  
    Flags:            Quorate 

    Membership information
    ----------------------
        Nodeid      Votes Name
             1          1 n1 (local)
             2          1 n2
             3          1 n3
    """ + "\n";

    public const string ThreeNodeLH = """

    Membership information
    ----------------------
        Nodeid      Votes Name
    0x00000001          1 n1 (local)
    0x00000002          1 n2
    0x00000003          1 n3
    """ + "\n";

    public const string IsolatedSiH = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:19 2026
    Quorum provider:  corosync_votequorum
    Nodes:            1
    Node ID:          0x00000003
    Ring ID:          3.d
    Quorate:          No

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      1
    Quorum:           2 Activity blocked
    Flags:            

    Membership information
    ----------------------
        Nodeid      Votes Name
    0x00000003          1 198.18.0.3 (local)
    """ + "\n";

    public const string IsolatedS = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:55:02 2026
    Quorum provider:  corosync_votequorum
    Nodes:            1
    Node ID:          3
    Ring ID:          3.11
    Quorate:          No

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      1
    Quorum:           2 Activity blocked
    Flags:            

    Membership information
    ----------------------
        Nodeid      Votes Name
             3          1 n3 (local)
    """ + "\n";

    public const string ExpectedOneSiH = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:21 2026
    Quorum provider:  corosync_votequorum
    Nodes:            1
    Node ID:          0x00000003
    Ring ID:          3.d
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   1
    Highest expected: 1
    Total votes:      1
    Quorum:           1  
    Flags:            Quorate 

    Membership information
    ----------------------
        Nodeid      Votes Name
    0x00000003          1 198.18.0.3 (local)
    """ + "\n";

    public const string TwoNodeSiH = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:39 2026
    Quorum provider:  corosync_votequorum
    Nodes:            2
    Node ID:          0x00000001
    Ring ID:          1.9
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   2
    Highest expected: 2
    Total votes:      2
    Quorum:           1  
    Flags:            2Node Quorate WaitForAll 

    Membership information
    ----------------------
        Nodeid      Votes Name
    0x00000001          1 198.18.0.1 (local)
    0x00000002          1 198.18.0.2
    """ + "\n";

    public const string QdeviceSiH = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:55 2026
    Quorum provider:  corosync_votequorum
    Nodes:            2
    Node ID:          0x00000001
    Ring ID:          1.9
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      3
    Quorum:           2  
    Flags:            Quorate Qdevice 

    Membership information
    ----------------------
        Nodeid      Votes    Qdevice Name
    0x00000001          1    A,V,NMW 198.18.0.1 (local)
    0x00000002          1    A,V,NMW 198.18.0.2
    0x00000000          1            Qdevice
    """ + "\n";

    public const string QdeviceS = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:30:58 2026
    Quorum provider:  corosync_votequorum
    Nodes:            2
    Node ID:          1
    Ring ID:          1.9
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      3
    Quorum:           2  
    Flags:            Quorate Qdevice 

    Membership information
    ----------------------
        Nodeid      Votes    Qdevice Name
             1          1    A,V,NMW n1 (local)
             2          1    A,V,NMW n2
             0          1            Qdevice
    """ + "\n";

    public const string QdeviceL = """

    Membership information
    ----------------------
        Nodeid      Votes    Qdevice Name
             1          1    A,V,NMW n1 (local)
             2          1    A,V,NMW n2
             0          1            Qdevice
    """ + "\n";

    public const string QdeviceDeadSiH = """
    Quorum information
    ------------------
    Date:             Thu Nov 26 06:31:24 2026
    Quorum provider:  corosync_votequorum
    Nodes:            2
    Node ID:          0x00000001
    Ring ID:          1.9
    Quorate:          Yes

    Votequorum information
    ----------------------
    Expected votes:   3
    Highest expected: 3
    Total votes:      2
    Quorum:           2  
    Flags:            Quorate Qdevice 

    Membership information
    ----------------------
        Nodeid      Votes    Qdevice Name
    0x00000001          1   A,NV,NMW 198.18.0.1 (local)
    0x00000002          1   A,NV,NMW 198.18.0.2
    0x00000000          0            Qdevice (votes 1)
    """ + "\n";
}
