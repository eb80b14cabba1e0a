#!/usr/bin/perl
# One long-running writer per lab node for the pmxcfs chaos test. Runs inside the node, acts on
# its /etc/pve with plain syscalls and logs every operation with its outcome, one line each:
#   seq  op  path  value  start  end  result
# op: create (O_EXCL file), counter (write tmp + rename), delete (unlink), lock (mkdir), unlock (rmdir);
# start/end: CLOCK_REALTIME seconds around the whole operation (the same clock as the test process);
# result: "ok", or ERRNO@stage with the syscall that failed (open, write, close, rename, tmp-open, ...).
# Never creates parent directories: while pmxcfs restarts, /etc/pve is briefly the empty directory
# underneath, and a write there must fail instead of "succeeding" outside the cluster file system.
use strict;
use warnings;
use Errno ();
use Fcntl qw(O_WRONLY O_CREAT O_EXCL O_TRUNC);
use Time::HiRes ();

my ($node, $seed, $dir, $lockdir, $locks, $counters, $stopfile, $logpath) = @ARGV;
die "usage: chaos-writer.pl NODE SEED DIR LOCKDIR LOCKS COUNTERS STOPFILE LOG\n" unless defined $logpath;
srand($seed);

my %errname;
for my $name (@{ $Errno::EXPORT_TAGS{POSIX} }) {
    my $code = Errno->can($name);
    $errname{ $code->() } = $name if $code;
}

open(my $log, '>>', $logpath) or die "cannot open $logpath: $!\n";
select((select($log), $| = 1)[0]);

sub failed {
    my ($stage) = @_;
    my $code = $! + 0;
    return ($errname{$code} // "E$code") . "\@$stage";
}

# Returns "ok" or ERRNO@stage; the stage names say which syscall the cluster refused.
sub write_file {
    my ($path, $content, $flags, $prefix) = @_;
    sysopen(my $fh, $path, $flags, 0644) or return failed("${prefix}open");
    my $written = syswrite($fh, $content);
    if (!defined $written) {
        my $result = failed("${prefix}write");
        close($fh);
        return $result;
    }
    return "SHORT\@${prefix}write" if $written != length $content;
    close($fh) or return failed("${prefix}close");
    return 'ok';
}

my @live;          # files this writer created and has not tried to delete
my $held;          # lock number this writer holds (its mkdir was acknowledged)
my $hold_left = 0; # operations to do before releasing it
my $seq = 0;
while (!-e $stopfile) {
    $seq++;
    my ($op, $path, $value, $result);
    my $start = Time::HiRes::time();
    my $pick = rand();
    if (defined $held && $hold_left-- <= 0) {
        ($op, $path, $value) = ('unlock', "$lockdir/chaos-$held", '');
        $result = rmdir($path) ? 'ok' : failed('rmdir');
        # Released, or gone: either way this writer no longer holds it. Any other failure: retry next time.
        undef $held if $result eq 'ok' || $result =~ /^ENOENT@/;
    } elsif ($pick < 0.15 && !defined $held) {
        my $lock = int(rand($locks));
        ($op, $path, $value) = ('lock', "$lockdir/chaos-$lock", '');
        $result = mkdir($path, 0755) ? 'ok' : failed('mkdir');
        if ($result eq 'ok') {
            $held = $lock;
            $hold_left = 2 + int(rand(5));
        }
    } elsif ($pick < 0.30 && @live) {
        my $victim = splice(@live, int(rand(@live)), 1);
        ($op, $path, $value) = ('delete', $victim, '');
        $result = unlink($path) ? 'ok' : failed('unlink');
    } elsif ($pick < 0.60) {
        my $counter = int(rand($counters));
        ($op, $path, $value) = ('counter', "$dir/c$counter", "n$node-c$counter-$seq");
        my $tmp = "$dir/c$counter.tmp";
        $result = write_file($tmp, $value, O_WRONLY | O_CREAT | O_TRUNC, 'tmp-');
        if ($result eq 'ok') {
            $result = rename($tmp, $path) ? 'ok' : failed('rename');
        }
    } else {
        ($op, $path, $value) = ('create', "$dir/f$seq", "n$node-f$seq");
        $result = write_file($path, $value, O_WRONLY | O_CREAT | O_EXCL, '');
        push @live, $path if $result eq 'ok';
    }
    my $end = Time::HiRes::time();
    printf $log "%d\t%s\t%s\t%s\t%.6f\t%.6f\t%s\n", $seq, $op, $path, $value, $start, $end, $result;
    # A dead or inquorate pmxcfs fails at once: pace the retries instead of spinning.
    Time::HiRes::sleep(0.05) if $result ne 'ok';
}
close($log) or die "cannot close $logpath: $!\n";
