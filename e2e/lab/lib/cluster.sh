# Cluster modes: corosync 3 (knet + crypto) and Pacemaker on the member hosts; in qdevice mode a
# two-node cluster (lab1, lab2) with corosync-qnetd on lab3 as the tie-breaker.

corosync_conf() { # members qdevice_host(or "")
  local members=$1 qnetd=$2 n i=0
  cat <<EOF2
totem {
    version: 2
    cluster_name: $LAB_CLUSTER_NAME
    transport: knet
    crypto_cipher: aes256
    crypto_hash: sha256
}

nodelist {
EOF2
  for n in $members; do
    i=$((i + 1))
    printf '    node {\n        name: %s\n        nodeid: %s\n        ring0_addr: %s\n    }\n' "$n" "${n#lab}" "$(ip_of "$n")"
  done
  echo "}"
  echo
  echo "quorum {"
  echo "    provider: corosync_votequorum"
  if [ -n "$qnetd" ]; then
    printf '    device {\n        model: net\n        votes: 1\n        net {\n            tls: on\n            host: %s\n            algorithm: ffsplit\n        }\n    }\n' "$(ip_of "$qnetd")"
  elif ((i == 2)); then
    echo "    two_node: 1"
  fi
  cat <<EOF2
}

logging {
    to_logfile: yes
    logfile: /var/log/corosync/corosync.log
    to_syslog: no
    to_stderr: no
    timestamp: on
}
EOF2
}

cluster_write_config() { # members qnetd
  local members=$1 qnetd=$2 n
  corosync_conf "$members" "$qnetd" >"$LAB_DIR/run/corosync.conf"
  rm -f "$LAB_DIR/run/authkey"
  corosync-keygen -k "$LAB_DIR/run/authkey" >/dev/null 2>&1 || die "corosync-keygen failed"
  for n in $members; do
    host_exec "$n" sh -c 'cat >/etc/corosync/corosync.conf' <"$LAB_DIR/run/corosync.conf"
    host_exec "$n" sh -c 'umask 077; cat >/etc/corosync/authkey' <"$LAB_DIR/run/authkey"
  done
}

# Pacemaker's first start waits dc-deadtime (20 s by default) for a DC that does not exist yet;
# an initial CIB with a shorter one makes every cluster `up` that much faster. It also carries
# stonith-enabled=false from the start. LAB_DC_DEADTIME=20s restores Pacemaker's default wait.
cluster_seed_cib() {
  local n=$1 props
  props="<cluster_property_set id=\"cib-bootstrap-options\">"
  props+="<nvpair id=\"cib-bootstrap-options-stonith-enabled\" name=\"stonith-enabled\" value=\"false\"/>"
  props+="<nvpair id=\"cib-bootstrap-options-dc-deadtime\" name=\"dc-deadtime\" value=\"${LAB_DC_DEADTIME:-5s}\"/>"
  props+="</cluster_property_set>"
  host_exec "$n" sh -ec 'd=/var/lib/pacemaker/cib; mkdir -p $d
    cibadmin --empty | sed "s|<crm_config/>|<crm_config>$1</crm_config>|" >$d/cib.xml
    chown hacluster:haclient $d/cib.xml; chmod 600 $d/cib.xml' sh "$props" </dev/null ||
    die "could not write the initial CIB on $n"
}

# Online members per crm_mon, empty until Pacemaker has a DC.
cluster_online_count() {
  local xml
  xml=$(host_exec "$1" crm_mon -1 --output-as=xml 2>/dev/null </dev/null) || return 1
  grep -q '<current_dc[^>]*present="true"' <<<"$xml" || return 1
  grep -o '<node name="[^"]*"[^>]*online="true"' <<<"$xml" | wc -l
}
cluster_has_online() { [ "$(cluster_online_count "$1")" = "$2" ]; }

# Starts a service on several hosts at once and fails if any of them failed.
start_on_hosts() { # service hosts...
  local s=$1 n pids=(); shift
  for n in "$@"; do host_services_start "$n" "$s" & pids+=($!); done
  wait_pids "${pids[@]}" || die "starting $s failed on at least one of: $*"
}

cluster_up() { # members qnetd(or "")
  local members=$1 qnetd=$2 first count
  first=${members%% *}
  count=$(wc -w <<<"$members")
  log "corosync config and authkey for $members"
  cluster_write_config "$members" "$qnetd"
  if [ -n "$qnetd" ]; then qdevice_certs "$members" "$qnetd"; fi
  local n
  for n in $members; do
    host_exec "$n" systemctl enable corosync pacemaker </dev/null >/dev/null
    if [ -n "$qnetd" ]; then host_exec "$n" systemctl enable corosync-qdevice </dev/null >/dev/null; fi
  done
  for n in $members; do cluster_seed_cib "$n"; done
  log "starting corosync"
  # shellcheck disable=SC2086 # word lists of host names
  start_on_hosts corosync $members
  if [ -n "$qnetd" ]; then
    log "starting corosync-qdevice"
    start_on_hosts corosync-qdevice $members
  fi
  log "starting pacemaker"
  start_on_hosts pacemaker $members
  wait_until 120 "Pacemaker to show $count nodes online with a DC" cluster_has_online "$first" "$count" ||
    die "the cluster did not form (logs: /var/log/corosync and /var/log/pacemaker inside the hosts)"
  if [ -n "$qnetd" ]; then
    wait_until 60 "the qdevice vote on $first" qdevice_voting "$first" ||
      die "qdevice did not register with qnetd on $qnetd"
  fi
}

# TLS for qdevice the way an admin does it: the certutil quick start over SSH from a node.
qdevice_certs() { # members qnetd
  local members=$1 qnetd=$2 first=${1%% *}
  log "qnetd on $qnetd and qdevice TLS certificates"
  # The machine's package install left a qnetd CA in /etc; each lab gets its own, made the way
  # Debian's postinst makes it (qnetd runs as coroqnetd and must read the database).
  host_exec "$qnetd" sh -ec 'db=/etc/corosync/qnetd/nssdb; rm -rf $db
    corosync-qnetd-certutil -i -G >/dev/null 2>&1; chgrp coroqnetd $db $db/cert9.db $db/key4.db' </dev/null ||
    die "could not create the qnetd certificate database on $qnetd"
  host_exec "$qnetd" systemctl enable corosync-qnetd </dev/null >/dev/null
  # shellcheck disable=SC2086
  host_exec "$first" corosync-qdevice-net-certutil -Q -n "$LAB_CLUSTER_NAME" "$qnetd" $members \
    </dev/null >>"$LAB_DIR/run/qdevice-certutil.log" 2>&1 ||
    die "corosync-qdevice-net-certutil -Q failed (see $LAB_DIR/run/qdevice-certutil.log)"
  host_services_start "$qnetd" corosync-qnetd
}
qdevice_voting() { host_exec "$1" corosync-quorumtool -s </dev/null 2>/dev/null | grep -q 'Qdevice'; }

# What a mode runs where: members of the corosync cluster and the qnetd host.
mode_members() { # mode nodes
  case $1 in
    cluster) node_names "$2" | tr '\n' ' ' | sed 's/ $//' ;;
    qdevice) echo "lab1 lab2" ;;
    *) echo "" ;;
  esac
}
mode_qnetd() { [ "$1" = qdevice ] && echo lab3 || echo ""; }
