# The fault menu: what can go wrong with a host, and undoing it.

fault_cut() { ip link set "$1-h" down; log "$1: cable pulled"; }
fault_heal() { ip link set "$1-h" up; log "$1: cable back"; }

# Power loss: PID 1 dies, the kernel kills everything in the host's PID namespace. Its disk
# (/etc, /var, /root) survives; addresses a resource agent added (VIPs) go, as after a reset.
fault_crash() {
  local n=$1 pid a
  pid=$(host_init_pid "$n") || { log "$n is already down"; return 0; }
  kill -KILL "$pid"
  host_kill_all "$n"
  for a in $(net_foreign_addresses "$n"); do ip -n "$n" addr del "$a" dev eth0; done
  rm -f "$(host_dir "$n")/hang"
  log "$n: crashed"
}

# Power on: sshd, then whatever is enabled on the host (cluster modes enable corosync, pacemaker,
# qdevice/qnetd; in bare mode only what the panel enabled).
fault_boot() {
  local n=$1 services
  if host_is_booted "$n"; then log "$n is already running"; return 0; fi
  host_boot "$n"
  # A fresh kernel: the simulated DRBD devices of this host are gone (their meta-data stays).
  host_exec_user "$n" sim-drbd reset
  services=$(host_enabled_services "$n" | tr '\n' ' ')
  # shellcheck disable=SC2086 # a word list of service names
  [ -z "$services" ] || host_services_start "$n" $services
  log "$n: booted${services:+ (started $services)}"
}

# Starts the cluster stack of one host by hand (e.g. after `kill HOST corosync`).
fault_start_cluster() {
  local n=$1 services
  services=$(host_enabled_services "$n" | tr '\n' ' ')
  [ -n "$services" ] || die "nothing cluster-related is enabled on $n"
  # shellcheck disable=SC2086
  host_services_start "$n" $services
  log "$n: started $services"
}

# Kills one daemon (by its process name among the host's processes only), SIGKILL by default.
fault_kill() {
  local n=$1 name=${2:-} sig=${3:-KILL} p found=0 comm
  [ -n "$name" ] || die "kill $n WHAT? e.g. corosync, pacemakerd, sshd, corosync-qnetd"
  case $name in pacemaker) name=pacemakerd ;; qnetd) name=corosync-qnetd ;; qdevice) name=corosync-qdevice ;; esac
  for p in $(ip netns pids "$n"); do
    comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
    # /proc/PID/comm keeps 15 characters (corosync-qdevice -> corosync-qdevic).
    if [ "$comm" = "${name:0:15}" ]; then kill "-$sig" "$p" 2>/dev/null && found=1; fi
  done
  ((found)) || die "no process named $name runs on $n"
  log "$n: sent SIG$sig to $name"
}

# Disk full: a file takes all the space of the host's disk (the tmpfs under /etc, /var, /root),
# so writes there fail with ENOSPC. /run, /tmp and /dev/shm are separate and keep working.
fault_fill() {
  local n=$1
  host_exec "$n" sh -c 'dd if=/dev/zero of=/var/lib/panel-fill bs=1M 2>/dev/null; dd if=/dev/zero of=/var/lib/panel-fill bs=4k oflag=append conv=notrunc 2>/dev/null; true' </dev/null
  log "$n: disk full ($(df -h --output=avail "$(host_dir "$n")" | tail -1 | tr -d ' ') left)"
}
fault_unfill() {
  host_exec "$1" rm -f /var/lib/panel-fill </dev/null
  log "$1: disk space back"
}

# hang HOST on        : freeze (SIGSTOP) every sshd process of the host: new connections stall
#                       before the SSH banner, open sessions stop answering. Cluster daemons run on.
# hang HOST on CMD... : SSH works, but the named commands never return (a sleeping wrapper in
#                       /usr/local/sbin, first on PATH).
# hang HOST off       : undo both (SIGCONT; remove wrappers).
fault_hang() {
  local n=$1 what=${2:-} d c; shift 2 || true
  d=$(host_dir "$n")
  case $what in
    on)
      if (($#)); then
        for c in "$@"; do
          [[ $c =~ ^[A-Za-z0-9._+-]+$ ]] || die "not a command name: $c"
          printf '#!/bin/sh\n# lab: hang %s\nexec sleep infinity\n' "$c" >"$d/sbin/$c"
          chmod 755 "$d/sbin/$c"
          echo "$c" >>"$d/hang.commands"
        done
        log "$n: $* now hang"
      else
        signal_sshd "$n" STOP
        echo sshd >"$d/hang"
        log "$n: sshd frozen"
      fi ;;
    off)
      if [ -f "$d/hang" ]; then signal_sshd "$n" CONT; rm -f "$d/hang"; fi
      if [ -f "$d/hang.commands" ]; then
        while read -r c; do rm -f "$d/sbin/$c"; done <"$d/hang.commands"
        rm -f "$d/hang.commands"
      fi
      log "$n: nothing hangs any more" ;;
    *) die "hang $n on [COMMAND...] | hang $n off" ;;
  esac
}
signal_sshd() {
  local n=$1 sig=$2 p round
  # Twice: a connection accepted while we walk the list forks a new sshd.
  for round in 1 2; do
    for p in $(ip netns pids "$n"); do
      [ "$(cat "/proc/$p/comm" 2>/dev/null)" = sshd ] && kill "-$sig" "$p" 2>/dev/null
    done
  done
  return 0
}

# New host keys and a restarted sshd listener: the panel must notice the changed host key.
# Open sessions keep running on the old listener's children.
fault_rekey() {
  local n=$1
  host_exec "$n" sh -c '
    rm -f /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub
    jobs=""
    for t in ed25519 ecdsa rsa; do ssh-keygen -q -t $t -N "" -C "root@$(hostname)" -f /etc/ssh/ssh_host_${t}_key & jobs="$jobs $!"; done
    wait $jobs
    kill $(cat /run/sshd.pid)
    for i in $(seq 1 50); do kill -0 $(cat /run/sshd.pid 2>/dev/null) 2>/dev/null || break; sleep 0.1; done
    /usr/sbin/sshd -E /var/log/sshd.log' </dev/null
  write_known_hosts
  wait_until 10 "sshd on $n after rekey" host_ssh_ready "$n"
  log "$n: new host keys"
}
