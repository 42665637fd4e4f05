# `status` (table or --json) and the lab's known_hosts file.

host_key_file() { echo "$(host_dir "$1")/etc.up/ssh/ssh_host_${2}_key.pub"; }

write_known_hosts() {
  local n t f tmp=$LAB_KNOWN_HOSTS.tmp
  : >"$tmp"
  for n in $(node_names "$STATE_NODES"); do
    for t in ed25519 ecdsa rsa; do
      f=$(host_key_file "$n" "$t")
      [ -f "$f" ] && printf '%s,%s %s\n' "$n" "$(ip_of "$n")" "$(cut -d' ' -f1,2 "$f")" >>"$tmp"
    done
  done
  mv "$tmp" "$LAB_KNOWN_HOSTS"
}

fingerprint_of() { [ -f "$1" ] && ssh-keygen -l -E sha256 -f "$1" | awk '{print $2}'; }

json_str() { # values here are host names, paths and fingerprints: escape \ and " for safety
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}
json_bool() { if "$@" >/dev/null 2>&1; then printf true; else printf false; fi; }

scanned() { [[ $SCAN_NAMES == *" $1 "* ]] && echo true || echo false; }

node_json() {
  local n=$1 d t fp sep="" pids
  d=$(host_dir "$n")
  host_scan "$n"
  printf '{"name":%s,"address":%s,"sshPort":%s,' "$(json_str "$n")" "$(json_str "$(ip_of "$n")")" "$LAB_SSH_PORT"
  printf '"hostKeyFingerprints":{'
  for t in ed25519 ecdsa rsa; do
    fp=$(fingerprint_of "$(host_key_file "$n" "$t")") || continue
    printf '%s"%s":%s' "$sep" "$t" "$(json_str "$fp")"; sep=,
  done
  pids=$(printf '%s\n' "${SCAN_PIDS[@]}" | sort -n | paste -sd, -)
  printf '},"pids":[%s],"initPid":%s,"booted":%s,"link":%s,' "$pids" "${SCAN_INIT:-null}" \
    "$([ -n "$SCAN_INIT" ] && echo true || echo false)" "$(json_str "$(net_link_state "$n")")"
  # /proc/PID/comm keeps 15 characters: corosync-qdevice shows as corosync-qdevic.
  printf '"running":{"sshd":%s,"corosync":%s,"pacemaker":%s,"qnetd":%s,"qdevice":%s,"cephMon":%s,"cephMgr":%s,"cephOsd":%s},' \
    "$(scanned sshd)" "$(scanned corosync)" "$(scanned pacemakerd)" "$(scanned corosync-qnetd)" "$(scanned corosync-qdevic)" \
    "$(scanned ceph-mon)" "$(scanned ceph-mgr)" "$(scanned ceph-osd)"
  printf '"faults":{"sshdFrozen":%s,"hungCommands":[%s],"diskFull":%s},"pssKiB":%s}' \
    "$(json_bool test -f "$d/hang")" \
    "$(if [ -f "$d/hang.commands" ]; then sed 's/.*/"&"/' "$d/hang.commands" | paste -sd, -; fi)" \
    "$(json_bool test -f "$d/var.up/lib/panel-fill")" "$SCAN_PSS_KIB"
}

status_json() {
  local up=false n sep=""
  lab_is_up && up=true
  printf '{"up":%s,"mode":%s,"nodeCount":%s,"ceph":%s,"labDir":%s,"keyPath":%s,"knownHostsPath":%s,' \
    "$up" "$([ "$up" = true ] && json_str "$STATE_MODE" || echo null)" "$([ "$up" = true ] && echo "$STATE_NODES" || echo 0)" \
    "$([ "$STATE_CEPH" = 1 ] && echo true || echo false)" "$(json_str "$LAB_DIR")" "$(json_str "$LAB_KEY")" "$(json_str "$LAB_KNOWN_HOSTS")"
  printf '"bridge":{"name":%s,"address":%s,"cidr":%s,"exists":%s},' "$(json_str "$LAB_BRIDGE")" \
    "$(json_str "$LAB_NET.1")" "$(json_str "$LAB_NET.0/24")" "$(json_bool ip link show "$LAB_BRIDGE")"
  printf '"simBin":%s,"sharedDir":%s,"clusterName":%s,"nodes":[' "$(json_str "$LAB_SIM_BIN")" "$(json_str "$LAB_SHARED_PVE")" \
    "$(json_str "$LAB_CLUSTER_NAME")"
  if [ "$up" = true ]; then
    for n in $(node_names "$STATE_NODES"); do printf '%s' "$sep"; node_json "$n"; sep=,; done
  fi
  printf ']}\n'
}

status_table() {
  if ! lab_is_up; then
    echo "lab: down (state dir $LAB_DIR)"
    local stale; stale=$(net_lab_namespaces | tr '\n' ' ')
    [ -z "$stale" ] || echo "  leftover namespaces: $stale(npm run lab -- down removes them)"
    return 0
  fi
  printf 'lab: up, mode %s, %s hosts%s, key %s\n' "$STATE_MODE" "$STATE_NODES" "$([ "$STATE_CEPH" = 1 ] && echo ", ceph on lab1")" "$LAB_KEY"
  printf '%-5s %-11s %-5s %-6s %7s  %s\n' HOST ADDRESS LINK STATE PSS_MB PROCESSES
  local n state names
  for n in $(node_names "$STATE_NODES"); do
    host_scan "$n"
    if [ -n "$SCAN_INIT" ]; then state=up; else state=off; fi
    if [ -f "$(host_dir "$n")/hang" ]; then state=hung; fi
    names=$(tr ' ' '\n' <<<"$SCAN_NAMES" | grep -v -x -e '' -e sleep -e unshare -e node-init.sh | sort | paste -sd' ' -)
    printf '%-5s %-11s %-5s %-6s %7s  %s\n' "$n" "$(ip_of "$n")" "$(net_link_state "$n")" "$state" $((SCAN_PSS_KIB / 1024)) "$names"
  done
}
