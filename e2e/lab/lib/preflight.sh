# Checks that run before `up` creates anything, and package installation.

LAB_PACKAGES="openssh-server openssh-client iproute2 util-linux procps corosync pacemaker
  pacemaker-cli-utils crmsh pcs corosync-qnetd corosync-qdevice drbd-utils resource-agents
  fence-agents lvm2"
LAB_CEPH_PACKAGES="ceph-mon ceph-mgr ceph-osd ceph-common uuid-runtime"

ipv4_to_int() {
  local a b c d
  IFS=. read -r a b c d <<<"$1"
  echo $(((a << 24) + (b << 16) + (c << 8) + d))
}
# overlaps_lab_net CIDR: does CIDR share an address with 10.99.0.0/24?
overlaps_lab_net() {
  local addr=${1%/*} len=24 lo hi start size
  [[ $1 == */* ]] && len=${1#*/} || len=32
  ((len == 0)) && return 1 # a default route is not a claim on our subnet
  size=$((1 << (32 - len)))
  start=$(($(ipv4_to_int "$addr") & ~(size - 1) & 0xffffffff))
  lo=$(ipv4_to_int "$LAB_NET.0"); hi=$((lo + 255))
  ((start <= hi && start + size - 1 >= lo))
}

# Prints who else uses 10.99.0.0/24 (an address or a route not on our bridge), if anyone.
foreign_user_of_lab_net() {
  local line dev cidr
  while read -r _ dev _ cidr _; do
    [ "$dev" = "$LAB_BRIDGE" ] && continue
    overlaps_lab_net "$cidr" && { echo "address $cidr on $dev"; return; }
  done < <(ip -4 -o addr show)
  while read -r line; do
    [[ $line == *" dev $LAB_BRIDGE "* || $line == *" dev $LAB_BRIDGE" ]] && continue
    set -- $line
    case $1 in local | broadcast | unicast | unreachable | blackhole | prohibit | throw | multicast | anycast) shift ;; esac
    [ "$1" = default ] && continue
    overlaps_lab_net "$1" && { echo "route '$line'"; return; }
  done < <(ip -4 route show table all 2>/dev/null)
  return 0
}

preflight_up() {
  [ "$(id -u)" = 0 ] || die "the lab needs root (network namespaces, mounts); run it as root"
  local c
  for c in ip unshare nsenter setsid flock ssh-keygen mount umount; do
    command -v "$c" >/dev/null || die "missing command '$c' (iproute2/util-linux/openssh-client)"
  done
  ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here (iproute2 without netns support?)"
  unshare --mount --uts --pid --fork --mount-proc true 2>/dev/null ||
    die "unshare of mount/uts/pid namespaces fails here (container without CAP_SYS_ADMIN?)"
  grep -qw overlay /proc/filesystems || die "the kernel has no overlayfs"
  case $LAB_DIR/ in
    /etc/* | /var/* | /run/* | /root/* | /usr/*) die "LAB_DIR=$LAB_DIR lies under a directory the hosts overlay; choose another place" ;;
  esac
  local who; who=$(foreign_user_of_lab_net)
  [ -z "$who" ] || die "$LAB_NET.0/24 is already in use on this machine ($who); the lab needs it for itself"
  local n
  for n in $(ip netns list | awk '{print $1}'); do
    if is_lab_host "$n" && ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
      die "a network namespace named $n exists but is not part of a lab here; remove it (ip netns del $n) or run npm run lab -- down"
    fi
  done
}

# Installs what the machine lacks. Services must not start on the machine itself, so a
# policy-rc.d forbids that for the duration unless the machine already has one.
ensure_packages() {
  local want=$LAB_PACKAGES p missing=() own_policy=0
  [ "$1" = 1 ] && want="$want $LAB_CEPH_PACKAGES"
  for p in $want; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  local rc=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"$LAB_DIR/apt.log" 2>&1 || {
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$LAB_DIR/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LAB_DIR/apt.log" 2>&1
  } || rc=$?
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || die "apt-get install ${missing[*]} failed (see $LAB_DIR/apt.log)"
}

# The simulators (e2e/lab/sim) run on the hosts as bundled node executables; build them from
# the checkout's sources on every up, so a host never runs a stale simulator.
build_simulators() {
  local tsx=$LAB_PROJECT_ROOT/node_modules/.bin/tsx
  [ -x "$tsx" ] || die "simulators need the project's node_modules: run npm ci first"
  "$tsx" "$LAB_HOME/sim/build.ts" >/dev/null || die "building the simulators failed: npx tsx e2e/lab/sim/build.ts shows why"
}
