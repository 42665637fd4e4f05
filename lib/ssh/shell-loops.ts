// A long-lived loop on the host that runs one command line at a time from its stdin, so a
// pooled command costs a fork and an exec of /bin/sh instead of sshd's whole session setup
// (the pattern of Ansible's pipelining and Cockpit's bridge). The first line it reads is the
// session's nonce; each further line is `<timeout seconds> <command>`. After each command it
// prints `<nonce> <exit code>` on stdout and `<nonce>` on stderr, which is where MarkerReader
// cuts the output. Commands never see our stdin (</dev/null).
//
// The loop is Perl (perl-base is Essential on Debian, and Proxmox VE is written in it): it
// enforces the timeout itself on the command's process group — TERM, then KILL a second
// later, as `timeout -k 1` does — which spares the fork and exec of timeout(1) per command.
// Only built-in alarm() is in perl-base, so the host-side limit is rounded up to whole
// seconds; the panel's own timer still fires on time. Where there is no perl (a plain NAS as
// QDevice witness) the same protocol runs in POSIX sh around timeout(1).
export const PERL_LOOP = `
$| = 1;
my $n = <STDIN>;
exit 0 unless defined $n;
chomp $n;
while (defined(my $l = <STDIN>)) {
  chomp $l;
  my ($t, $c) = split / /, $l, 2;
  my $pid = fork;
  if (!defined $pid) { print STDERR "fork failed: $!\n"; print "$n 126\n"; print STDERR "$n\n"; next; }
  if (!$pid) {
    setpgrp(0, 0);
    open(STDIN, "<", "/dev/null");
    exec("/bin/sh", "-c", $c) or exit 127;
  }
  setpgrp($pid, $pid);
  my $sent = 0;
  local $SIG{ALRM} = sub { kill($sent++ ? "KILL" : "TERM", -$pid); alarm 1; };
  alarm($t > int($t) || $t < 1 ? int($t) + 1 : $t);
  waitpid($pid, 0);
  my $s = $?;
  alarm 0;
  my $code = $s & 127 ? 128 + ($s & 127) : $s >> 8;
  $code = $sent > 1 ? 137 : 124 if $sent;
  print "$n $code\n";
  print STDERR "$n\n";
}
`;

export const SH_LOOP = [
  "IFS= read -r n || exit 0",
  "while IFS= read -r l; do",
  '  /usr/bin/timeout -k 1 "${l%% *}" /bin/sh -c "${l#* }" </dev/null',
  '  printf "%s %d\\n" "$n" "$?"',
  '  printf "%s\\n" "$n" >&2',
  "done",
].join("\n");

// $1 = the Perl loop, $2 = the sh loop.
export const CHOOSE_LOOP = 'if command -v perl >/dev/null 2>&1; then exec perl -e "$1"; fi; exec /bin/sh -c "$2"';
