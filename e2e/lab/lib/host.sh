# Lab hosts: private state, boot (PID 1 = node-init.sh), entering a host, its processes.

# Fresh private state for a host: a capped tmpfs holding the /etc, /var and /root upper layers.
host_create_state() {
  local n=$1 d e t s
  d=$(host_dir "$n"); e=$d/etc.up
  mkdir -p "$d"
  mount -t tmpfs -o "size=${LAB_HOST_DISK_MB}m,mode=0755" "lab-$n-disk" "$d"
  mkdir -p "$d"/{etc.up,etc.work,var.up,var.work,root/.ssh,sbin} "$e/ssh/sshd_config.d" \
    "$e/systemd/system/multi-user.target.wants" "$d/var.up/lib/panel-sim"
  local pids=()
  for t in ed25519 ecdsa rsa; do # RSA takes seconds: all three at once
    ssh-keygen -q -t "$t" -N '' -C "root@$n" -f "$e/ssh/ssh_host_${t}_key" & pids+=($!)
  done
  wait_pids "${pids[@]}" || die "ssh-keygen failed for $n"
  printf 'PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUseDNS no\n' \
    >"$e/ssh/sshd_config.d/lab.conf"
  { echo "127.0.0.1 localhost"; for t in $(node_names "$LAB_MAX_NODES"); do echo "$(ip_of "$t") $t"; done; } >"$e/hosts"
  echo "$n" >"$e/hostname"
  # The lab network has no DNS server. A name missing from /etc/hosts (getent asks for IPv6
  # first) must fail at once, as on a network where the resolver answers, not after the
  # machine resolver's 2 x 5 s timeouts.
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$e/resolv.conf"
  # An overlay whiteout (char device 0:0) hides the machine's own enablement links.
  for s in $LAB_CLUSTER_SERVICES; do
    [ -e "/etc/systemd/system/multi-user.target.wants/$s.service" ] &&
      mknod "$e/systemd/system/multi-user.target.wants/$s.service" c 0 0
  done
  # Hosts reach each other as root with the lab key (corosync-qdevice-net-certutil -Q needs it).
  install -m600 "$LAB_KEY" "$d/root/.ssh/id_ed25519"
  install -m644 "$LAB_KEY.pub" "$d/root/.ssh/id_ed25519.pub"
  install -m600 "$LAB_KEY.pub" "$d/root/.ssh/authorized_keys"
  printf 'Host lab* %s.*\n  StrictHostKeyChecking accept-new\n' "$LAB_NET" >"$d/root/.ssh/config"
  chmod 700 "$d/root" "$d/root/.ssh"
  cp /etc/skel/.bashrc /etc/skel/.profile "$d/root/" 2>/dev/null || true
  install -m755 "$LAB_HOME/systemctl-shim" "$d/sbin/systemctl"
}

# The host's PID 1 as seen from the machine: the process whose innermost PID is 1.
host_init_pid() { host_scan "$1"; [ -n "$SCAN_INIT" ] && echo "$SCAN_INIT"; }
host_is_booted() { host_init_pid "$1" >/dev/null; }

# Runs a command inside a host (all its namespaces) with a clean root environment and the real
# tools on PATH; host_exec_user gives it the PATH an ssh session has (simulators first).
host_exec() { host_exec_with_path "$LAB_SETUP_PATH" "$@"; }
host_exec_user() { host_exec_with_path "$LAB_HOST_PATH" "$@"; }
host_exec_with_path() {
  local path=$1 n=$2 pid; shift 2
  pid=$(host_init_pid "$n") || die "$n is not running (crashed? npm run lab -- boot $n)"
  # fd 9 is the lab lock: daemons started here must not inherit it.
  nsenter -t "$pid" -a env -i PATH="$path" HOME=/root LANG=C.UTF-8 TERM=dumb "$@" 9>&-
}

host_ssh_ready() { lab_ssh "$1" true </dev/null; }

host_boot() {
  local n=$1 log=$LAB_DIR/run/$n.console
  mkdir -p "$LAB_DIR/run"
  # setsid + closed stdio: the host outlives this script and holds none of its pipes.
  setsid ip netns exec "$n" unshare --mount --uts --pid --fork --mount-proc --kill-child \
    "$LAB_HOME/node-init.sh" "$n" "$(host_dir "$n")" "$LAB_SIM_BIN" "$LAB_SHARED_PVE" "$LAB_HOME/systemctl-shim" \
    </dev/null >>"$log" 2>&1 9>&- &
  wait_until 30 "sshd on $n (console: $log)" host_ssh_ready "$n"
}

# One pass over a host's processes (status runs this often: builtins only, no subprocess per PID).
# Sets SCAN_PIDS (array), SCAN_INIT (PID 1 or ""), SCAN_NAMES (" comm comm ... "), SCAN_PSS_KIB.
host_scan() {
  SCAN_PIDS=() SCAN_INIT="" SCAN_NAMES=" " SCAN_PSS_KIB=0
  local p comm k v
  for p in $(ip netns pids "$1" 2>/dev/null); do
    { read -r comm <"/proc/$p/comm"; } 2>/dev/null || continue
    SCAN_PIDS+=("$p")
    [[ $SCAN_NAMES == *" $comm "* ]] || SCAN_NAMES+="$comm "
    # A process may exit between these reads (the hosts run short-lived loops, like the pmxcfs
    # watcher's sleep): a /proc file that is gone is skipped, never fatal under set -e.
    { while read -r k v; do
      if [ "$k" = NSpid: ]; then [ "${v##*[[:space:]]}" = 1 ] && SCAN_INIT=$p; break; fi
    done <"/proc/$p/status"; } 2>/dev/null || true
    { while read -r k v _; do
      if [ "$k" = Pss: ]; then SCAN_PSS_KIB=$((SCAN_PSS_KIB + v)); break; fi
    done <"/proc/$p/smaps_rollup"; } 2>/dev/null || true
  done
  return 0
}
host_runs() { host_scan "$1"; [[ $SCAN_NAMES == *" $2 "* ]]; }

# Kills every process of a host (its namespaces only) and waits until none is left.
host_kill_all() {
  local n=$1 p
  for p in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  wait_until 15 "the processes of $n to exit" host_has_no_process "$n"
}
host_has_no_process() { [ -z "$(ip netns pids "$1" 2>/dev/null)" ]; }

host_services_start() { # host service...: start in order, each through the systemctl shim
  local n=$1 s; shift
  for s in "$@"; do
    host_exec "$n" systemctl start "$s" </dev/null >>"$LAB_DIR/run/$n.services.log" 2>&1 ||
      die "starting $s on $n failed (see $LAB_DIR/run/$n.services.log and the host's /var/log)"
  done
}
host_enabled_services() {
  local n=$1 s
  for s in $LAB_BOOT_SERVICES; do
    host_exec "$n" systemctl -q is-enabled "$s" </dev/null 2>/dev/null && echo "$s"
  done
  return 0
}
