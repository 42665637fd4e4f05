#!/bin/bash
# The project's lab: 2-3 Debian "hosts" on this machine, each a network namespace with private
# mount/UTS/PID namespaces, its own sshd, and (by mode) real corosync + Pacemaker. Run as root.
# See e2e/lab/README.md.
#
#   npm run lab -- up [--mode bare|cluster|qdevice] [--nodes 2|3] [--ceph]
#   npm run lab -- down | status [--json]
#   npm run lab -- cut|heal|crash|boot|start-cluster|fill|unfill|rekey HOST
#   npm run lab -- kill HOST DAEMON [SIGNAL] | hang HOST on [COMMAND...] | hang HOST off
#   npm run lab -- exec HOST COMMAND... | ssh HOST [COMMAND...]
# Environment: LAB_DIR (state, default <project>/.lab), LAB_MODE, LAB_NODES, LAB_CEPH=1,
#              LAB_HOST_DISK_MB (per-host disk, default 256), LAB_DC_DEADTIME (default 5s),
#              LAB_KEEP_FAILED=1 (debug a failed up).
set -euo pipefail
LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for lib in common preflight net host cluster faults status ceph; do
  # shellcheck source=/dev/null
  . "$LAB_HOME/lib/$lib.sh"
done

usage() { sed -n '6,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

cmd_up() {
  local mode=${LAB_MODE:-cluster} nodes=${LAB_NODES:-3} ceph=${LAB_CEPH:-0}
  while (($#)); do
    case $1 in
      --mode) mode=${2:-}; shift ;;
      --mode=*) mode=${1#*=} ;;
      --nodes) nodes=${2:-}; shift ;;
      --nodes=*) nodes=${1#*=} ;;
      --ceph) ceph=1 ;;
      *) die "up: unknown option $1" ;;
    esac
    shift
  done
  case $mode in bare | cluster | qdevice) ;; *) die "--mode must be bare, cluster or qdevice (got '$mode')" ;; esac
  case $nodes in 2 | 3) ;; *) die "--nodes must be 2 or 3 (got '$nodes')" ;; esac
  [ "$mode" != qdevice ] || [ "$nodes" = 3 ] || die "qdevice mode needs 3 hosts (lab3 runs corosync-qnetd)"
  [ "$(id -u)" = 0 ] || die "the lab needs root (network namespaces, mounts); run it as root"
  take_lock
  if lab_is_up; then
    if [ "$STATE_MODE/$STATE_NODES/$STATE_CEPH" = "$mode/$nodes/$ceph" ]; then
      echo "lab is already up (mode $STATE_MODE, $STATE_NODES hosts); nothing changed"
      return 0
    fi
    die "lab is already up as mode $STATE_MODE with $STATE_NODES hosts$([ "$STATE_CEPH" = 1 ] && echo " and ceph"); run down first to get mode $mode with $nodes hosts"
  fi
  preflight_up
  if [ -n "$(net_lab_namespaces)" ] || ip link show "$LAB_BRIDGE" >/dev/null 2>&1 || [ -d "$LAB_DIR/hosts" ]; then
    log "removing what an earlier lab left behind"
    lab_down
  fi
  mkdir -p "$LAB_DIR/run" "$LAB_DIR/keys"
  ensure_packages "$ceph"
  build_simulators

  local started=$SECONDS n pids=()
  UP_DONE=0
  trap 'up_failed' EXIT
  state_write 0 "$mode" "$nodes" "$ceph"
  state_read
  STATE_NODES=$nodes
  log "up: mode $mode, $nodes hosts$([ "$ceph" = 1 ] && echo ", ceph")"
  ssh-keygen -q -t ed25519 -N '' -C "lab-client@$(hostname)" -f "$LAB_KEY"
  mkdir -p "$LAB_SHARED_PVE"
  net_create_bridge
  for n in $(node_names "$nodes"); do net_create_host "$n"; done
  for n in $(node_names "$nodes"); do host_create_state "$n" & pids+=($!); done
  wait_pids "${pids[@]}" || die "could not create the hosts' state"
  pids=()
  write_known_hosts
  for n in $(node_names "$nodes"); do host_boot "$n" & pids+=($!); done
  wait_pids "${pids[@]}" || die "a host did not boot"
  log "hosts up with sshd ($((SECONDS - started))s)"
  local members; members=$(mode_members "$mode" "$nodes")
  [ -z "$members" ] || cluster_up "$members" "$(mode_qnetd "$mode")"
  [ "$ceph" != 1 ] || ceph_up
  state_write 1 "$mode" "$nodes" "$ceph"
  UP_DONE=1
  log "lab up in $((SECONDS - started))s"
}

up_failed() {
  local rc=$?
  [ "$UP_DONE" = 1 ] && return 0
  if [ "${LAB_KEEP_FAILED:-0}" = 1 ]; then
    log "up failed; LAB_KEEP_FAILED=1 leaves it as it is for a look (npm run lab -- down removes it)"
  else
    log "up failed; removing what it created"
    lab_down || true
  fi
  exit $((rc == 0 ? 1 : rc))
}

lab_down() {
  local n mnt
  for n in $(net_lab_namespaces); do host_kill_all "$n" || true; done
  for n in $(net_lab_namespaces); do
    ip netns del "$n"
  done
  # A namespace that something still holds open (a socket left by a cut) outlives `netns del`
  # and keeps its veth peer here; the next up would then fail with "File exists".
  for n in $(ip -o link show 2>/dev/null | awk -F': ' '{sub(/@.*/, "", $2); print $2}' | grep -E '^lab[1-9]-h$'); do
    ip link del "$n" 2>/dev/null || true
  done
  if ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then ip link del "$LAB_BRIDGE"; fi
  # Host disks are tmpfs mounts in the machine's namespace.
  while read -r mnt; do
    umount "$mnt" 2>/dev/null || umount -l "$mnt"
  done < <(findmnt -rn -o TARGET | grep -F "$LAB_DIR/hosts/" || true)
  rm -rf --one-file-system "$LAB_DIR/hosts" "$LAB_DIR/run" "$LAB_DIR/shared" "$LAB_DIR/keys" "$LAB_DIR/ceph" "$LAB_STATE"
}

cmd_down() {
  [ "$(id -u)" = 0 ] || die "the lab needs root; run it as root"
  take_lock
  lab_down
  echo "lab is down"
}

fault() { # verb host args...
  local verb=$1 host=${2:-}; shift 2 || shift $#
  [ "$(id -u)" = 0 ] || die "the lab needs root; run it as root"
  take_lock
  require_up
  require_host "$host"
  case $verb in
    cut) fault_cut "$host" ;;
    heal) fault_heal "$host" ;;
    crash) fault_crash "$host" ;;
    boot) fault_boot "$host" ;;
    start-cluster) fault_start_cluster "$host" ;;
    kill) fault_kill "$host" "$@" ;;
    fill) fault_fill "$host" ;;
    unfill) fault_unfill "$host" ;;
    hang) fault_hang "$host" "$@" ;;
    rekey) fault_rekey "$host" ;;
  esac
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status)
      state_read
      if [ "${1:-}" = --json ]; then status_json; else status_table; fi ;;
    cut | heal | crash | boot | start-cluster | kill | fill | unfill | hang | rekey) fault "$cmd" "$@" ;;
    exec)
      require_hosts; require_host "${1:-}"
      local host=$1; shift
      host_exec_user "$host" "$@" ;;
    ssh)
      require_hosts; require_host "${1:-}"
      local host=$1; shift
      lab_ssh "$host" "$@" ;;
    *) usage ;;
  esac
}

main "$@"
