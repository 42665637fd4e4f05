import { readSync } from "node:fs";
import { SimExit, type TSimIO } from "../core/main";
import { hostName } from "../core/state";
import { JUST_CREATED, NO_UUID } from "./model";
import { parseOptions } from "./ops";
import { renderGetGi, renderShowGi } from "./render-kernel";
import { deviceSizeKiB, listResourceNames, readMeta, readResource, writeMeta } from "./store";

// drbdmeta MINOR v09|v08 DEV internal [--node-id=N] COMMAND [ARGS] [--force]: the meta-data
// "on disk" of this host (hostStateDir()/drbd/meta.json, by backing device).

function configured(minor: number): boolean {
  const me = hostName();
  return listResourceNames().some((n) => readResource(n)?.nodes[me]?.volumes.some((v) => v.minor === minor && v.disk !== "Diskless"));
}

function confirm(io: TSimIO): boolean {
  io.out("[need to type 'yes' to confirm] ");
  const buf = Buffer.alloc(256);
  let n = 0;
  try {
    n = readSync(0, buf, 0, buf.length, null);
  } catch {
    n = 0;
  }
  return buf.subarray(0, n).toString("utf8").trim() === "yes";
}

export function drbdmeta(args: string[], io: TSimIO): number {
  const { positional, options } = parseOptions(args);
  const [minorText, format, dev, _index, cmd, ...cmdArgs] = positional;
  if (!minorText || !format || !dev || !cmd) throw new SimExit(20, "USAGE: drbdmeta [--force] {device} {v06|v07|v08|v09} {disk} {internal|index} {command} ...");
  const minor = Number(minorText);
  const version = format === "v08" ? "v08" : "v09";
  const meta = readMeta(dev);

  switch (cmd) {
    case "create-md": {
      if (configured(minor)) throw new SimExit(20, `Device '${minor}' is configured!`);
      if (meta && !("force" in options)) {
        io.out(
          `You want me to create a ${version} style flexible-size internal meta data block.\n` +
            `There appears to be a ${meta.version} flexible-size internal meta data block\n` +
            `already in place on ${dev} at byte offset ${meta.sizeKiB * 1024}\n\nDo you really want to overwrite the existing meta-data?\n`,
        );
        if (!confirm(io)) throw new SimExit(20, "Operation canceled.");
      }
      const sizeKiB = deviceSizeKiB(dev);
      const peers = Math.max(1, Number(cmdArgs[0] ?? 1) || 1);
      const bitmapKiB = Math.ceil(sizeKiB / 4 / 8 / 1024) * peers;
      writeMeta(dev, { version, disk: "Inconsistent", gi: { current: JUST_CREATED, bitmap: {}, history: [] }, oos: {}, sizeKiB, devUuid: meta?.devUuid ?? "0000000000000000" });
      io.out(`initializing activity log\ninitializing bitmap (${bitmapKiB} KB) to all zero\nWriting meta data...\nNew drbd meta data block successfully created.\n`);
      return 0;
    }
    case "read-dev-uuid":
      if (meta) io.out(`${meta.devUuid}\n`);
      return 0;
    case "write-dev-uuid":
      if (meta && cmdArgs[0]) writeMeta(dev, { ...meta, devUuid: cmdArgs[0].toUpperCase().padStart(16, "0") });
      return 0;
    case "apply-al":
      if (!meta) throw new SimExit(255, "No valid meta data found");
      return 0;
    case "wipe-md":
      if (configured(minor)) throw new SimExit(20, `Device '${minor}' is configured!`);
      if (!meta) throw new SimExit(255, "No valid meta data found");
      writeMeta(dev, null);
      io.out("Wiping meta data...\nDRBD meta data block successfully wiped out.\n");
      return 0;
    case "get-gi":
    case "show-gi":
    case "dstate":
    case "outdate":
    case "invalidate": {
      if (configured(minor)) throw new SimExit(20, `Device '${minor}' is configured!`);
      if (!meta) throw new SimExit(255, "No valid meta data found");
      if (cmd === "dstate") {
        io.out(`${meta.disk}\n`);
        return 0;
      }
      if (cmd === "outdate" || cmd === "invalidate") {
        writeMeta(dev, { ...meta, disk: cmd === "outdate" && meta.disk === "UpToDate" ? "Outdated" : cmd === "invalidate" ? "Inconsistent" : meta.disk });
        return 0;
      }
      const input = { gi: meta.gi, peerHost: null, disk: meta.disk, primary: false, connected: false, v9: version === "v09" };
      if (meta.gi.current === NO_UUID) throw new SimExit(255, "No valid meta data found");
      io.out(cmd === "get-gi" ? renderGetGi(input) : renderShowGi(input));
      return 0;
    }
    default:
      throw new SimExit(20, `Unknown command '${cmd}'.`);
  }
}
