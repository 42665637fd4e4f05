# Shared constants and small helpers of the lab (sourced by lab.sh).

LAB_NET=10.99.0
LAB_BRIDGE=lab-br0
LAB_CLUSTER_NAME=labclu
LAB_SSH_PORT=22
LAB_MAX_NODES=3
# Services a host may run, in boot order (the systemctl shim starts dependencies itself).
LAB_BOOT_SERVICES="corosync-qnetd corosync corosync-qdevice pacemaker"
# A fresh lab host starts with these disabled, whatever the machine enabled when it installed them:
# what runs on a host is what the lab (or the panel) enabled on that host.
LAB_CLUSTER_SERVICES="corosync corosync-qdevice corosync-qnetd pacemaker pcsd pcsd-ruby"
# What ssh sessions and `lab.sh exec` get: simulators (/usr/local/bin) before the real tools.
LAB_HOST_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# What the lab's own setup runs with: the real tools only (simulators shadow cat, ceph, ...);
# /usr/bin/systemctl is the shim there too.
LAB_SETUP_PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin

LAB_HOME=${LAB_HOME:?}
LAB_PROJECT_ROOT=$(cd "$LAB_HOME/../.." && pwd)
LAB_DIR=${LAB_DIR:-$LAB_PROJECT_ROOT/.lab}
LAB_SIM_BIN=$LAB_HOME/sim/bin
LAB_KEY=$LAB_DIR/keys/id_lab
LAB_KNOWN_HOSTS=$LAB_DIR/keys/known_hosts
LAB_STATE=$LAB_DIR/state.env
LAB_SHARED_PVE=$LAB_DIR/shared/pve
# Each host's /etc, /var and /root changes live on a size-capped tmpfs: `fill` can only exhaust
# that, never the machine's disk, and the host sees a realistic "disk full".
LAB_HOST_DISK_MB=${LAB_HOST_DISK_MB:-256}

log()  { printf '[lab %(%T)T] %s\n' -1 "$*" >&2; }
die()  { printf 'lab: %s\n' "$*" >&2; exit 1; }

ip_of()      { echo "$LAB_NET.1${1#lab}"; }
host_dir()   { echo "$LAB_DIR/hosts/$1"; }
node_names() { local i; for ((i = 1; i <= $1; i++)); do echo "lab$i"; done; }
is_lab_host(){ [[ $1 =~ ^lab[1-9]$ ]]; }

# wait_until SECONDS WHAT CMD...: poll CMD every half second; on timeout say what we waited for.
wait_until() {
  local limit=$1 what=$2 deadline; shift 2
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      printf 'lab: timed out after %ss waiting for %s\n' "$limit" "$what" >&2
      return 1
    fi
    sleep 0.5
  done
}

# Runs a bounded set of background jobs and fails if any failed (never a bare `wait`: it would
# also wait for the hosts' init processes).
wait_pids() {
  local p rc=0
  for p in "$@"; do wait "$p" || rc=1; done
  return $rc
}

ssh_opts() {
  printf '%s\n' -i "$LAB_KEY" -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR \
    -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" -p "$LAB_SSH_PORT"
}
lab_ssh() {
  local host=$1 opts; shift
  mapfile -t opts < <(ssh_opts)
  ssh "${opts[@]}" "root@$(ip_of "$host")" "$@"
}

# --- lab state (what `up` built); sourced, so only plain KEY=value lines -------------------------
state_read() {
  STATE_UP=0 STATE_MODE="" STATE_NODES=0 STATE_CEPH=0
  [ -f "$LAB_STATE" ] || return 0
  local k v
  while IFS='=' read -r k v; do
    case $k in
      up) STATE_UP=$v ;; mode) STATE_MODE=$v ;; nodes) STATE_NODES=$v ;; ceph) STATE_CEPH=$v ;;
    esac
  done <"$LAB_STATE"
}
state_write() { # up mode nodes ceph
  mkdir -p "$LAB_DIR"
  printf 'up=%s\nmode=%s\nnodes=%s\nceph=%s\n' "$@" >"$LAB_STATE.tmp"
  mv "$LAB_STATE.tmp" "$LAB_STATE"
}
lab_is_up() { state_read; [ "$STATE_UP" = 1 ] && [ -e "/run/netns/lab1" ]; }
require_up() { lab_is_up || die "the lab is not up (npm run lab -- up)"; }
# exec/ssh also work on a lab that is still coming up or failed with LAB_KEEP_FAILED=1.
require_hosts() { state_read; ((STATE_NODES > 0)) || die "the lab is not up (npm run lab -- up)"; }
require_host() {
  is_lab_host "${1:-}" || die "which host? expected lab1..lab$STATE_NODES, got '${1:-}'"
  (("${1#lab}" <= STATE_NODES)) || die "$1 is not part of this lab (it has $STATE_NODES hosts)"
}

# Serialises commands that change the lab (parallel test files, a person at a shell).
take_lock() {
  mkdir -p "$LAB_DIR"
  exec 9>"$LAB_DIR/.lock"
  flock -w 600 9 || die "another lab command holds $LAB_DIR/.lock for more than 10 minutes"
}
