# Optional Ceph on lab1 (--ceph): 1 mon + 1 mgr + 3 memstore OSDs, all in lab1's namespaces (so
# `down` and `crash lab1` end them). Config and keyrings live under $LAB_DIR/ceph and in lab1's
# /etc/ceph, so `ceph -s` works over SSH on lab1. Not restarted by `boot`.
LAB_CEPH_OSDS=3

ceph_conf() { # fsid dir
  cat <<EOF2
[global]
fsid = $1
mon host = [v2:$(ip_of lab1):3300,v1:$(ip_of lab1):6789]
public network = $LAB_NET.0/24
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
run dir = $2/run
admin socket = $2/run/\$cluster-\$name.asok
log file = $2/log/\$cluster-\$name.log
mon data = $2/mon/\$cluster-\$id
mgr data = $2/mgr/\$cluster-\$id
osd data = $2/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 268435456
osd memory target = 536870912
osd pool default size = 2
osd pool default min size = 1
osd crush chooseleaf type = 0
mon allow pool delete = true
# the mon store sits on the machine's disk, whose free space is not the lab's business
mon data avail warn = 1
mon warn on pool no redundancy = false
auth allow insecure global id reclaim = false
[mon]
keyring = \$mon_data/keyring
[mgr]
keyring = \$mgr_data/keyring
[osd]
keyring = \$osd_data/keyring
[client]
keyring = /etc/ceph/ceph.client.admin.keyring
EOF2
}

ceph_up() {
  local c=$LAB_DIR/ceph fsid
  log "ceph on lab1: 1 mon, 1 mgr, $LAB_CEPH_OSDS memstore OSDs"
  rm -rf "$c"
  mkdir -p "$c"/{run,log,mon,mgr,osd}
  fsid=$(uuidgen)
  ceph_conf "$fsid" "$c" >"$c/ceph.conf"
  host_exec lab1 bash -s "$c" "$(ip_of lab1)" "$LAB_CEPH_OSDS" <<'EOS' >>"$LAB_DIR/run/ceph.log" 2>&1 || die "ceph setup on lab1 failed (see $LAB_DIR/run/ceph.log)"
set -euo pipefail
c=$1 addr=$2 osds=$3
mkdir -p /etc/ceph
cp "$c/ceph.conf" /etc/ceph/ceph.conf
fsid=$(awk '$1 == "fsid" {print $3}' /etc/ceph/ceph.conf)
ceph-authtool --create-keyring "$c/mon.keyring" --gen-key -n mon. --cap mon 'allow *'
ceph-authtool --create-keyring /etc/ceph/ceph.client.admin.keyring --gen-key -n client.admin \
  --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *'
ceph-authtool "$c/mon.keyring" --import-keyring /etc/ceph/ceph.client.admin.keyring
monmaptool --create --addv lab1 "[v2:$addr:3300,v1:$addr:6789]" --fsid "$fsid" "$c/monmap"
ceph-mon --mkfs -i lab1 --monmap "$c/monmap" --keyring "$c/mon.keyring"
ceph-mon -i lab1
mkdir -p "$c/mgr/ceph-x"
ceph auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' >"$c/mgr/ceph-x/keyring"
ceph-mgr -i x
for _ in $(seq 1 "$osds"); do
  uuid=$(uuidgen)
  id=$(ceph osd new "$uuid")
  mkdir -p "$c/osd/ceph-$id"
  ceph-osd -i "$id" --mkfs --mkkey --no-mon-config --osd-uuid "$uuid"
  ceph auth add "osd.$id" osd 'allow *' mon 'allow profile osd' mgr 'allow profile osd' -i "$c/osd/ceph-$id/keyring"
  ceph-osd -i "$id"
done
EOS
  wait_until 120 "ceph on lab1 to report HEALTH_OK with $LAB_CEPH_OSDS OSDs up" ceph_healthy ||
    die "ceph did not become healthy (ceph -s on lab1)"
}
ceph_healthy() {
  host_exec lab1 ceph health </dev/null 2>/dev/null | grep -q HEALTH_OK &&
    host_exec lab1 ceph osd stat </dev/null 2>/dev/null | grep -q "$LAB_CEPH_OSDS up"
}
