import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { normalizeText } from "../common/text";
import { validated, ZNetInterface, type TNetAddress, type TNetInterface } from "./model";

const FORMAT = "ip-addr-json";

const ZIpAddrInfo = z.looseObject({
  family: z.string().optional(),
  local: z.string().optional(),
  prefixlen: z.number().int().optional(),
  scope: z.string().optional(),
  broadcast: z.string().optional(),
  dynamic: z.boolean().optional(),
});

const ZIpLink = z.looseObject({
  ifindex: z.number().int().optional(),
  ifname: z.string().optional(),
  flags: z.array(z.string()).optional(),
  mtu: z.number().int().optional(),
  operstate: z.string().optional(),
  link_type: z.string().optional(),
  address: z.string().optional(),
  master: z.string().optional(),
  linkinfo: z.looseObject({ info_kind: z.string().optional() }).optional(),
  addr_info: z.array(ZIpAddrInfo).optional(),
});

function address(info: z.infer<typeof ZIpAddrInfo>): TNetAddress[] {
  if ((info.family !== "inet" && info.family !== "inet6") || !info.local || info.prefixlen === undefined) return [];
  return [
    {
      family: info.family,
      address: info.local,
      prefixLength: info.prefixlen,
      scope: info.scope ?? null,
      broadcast: info.broadcast ?? null,
      dynamic: info.dynamic === true,
    },
  ];
}

// `ip -j [-d] addr show` (also `ip -j link`, which has no addr_info). iproute2 4.x printed
// empty objects for some links; those carry nothing and are skipped.
export function parseIpAddrJson(text: string): TNetInterface[] {
  const trimmed = normalizeText(text).trim();
  if (trimmed === "") throw new ParseError(FORMAT, "empty output");
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (err) {
    throw new ParseError(FORMAT, `not JSON: ${(err as Error).message}`);
  }
  const links = z.array(ZIpLink).safeParse(raw);
  if (!links.success) throw new ParseError(FORMAT, `not an array of links: ${links.error.issues[0]?.message ?? "invalid"}`);
  return links.data.flatMap((link) => {
    if (link.ifname === undefined) return [];
    const flags = link.flags ?? [];
    return [
      validated(
        ZNetInterface,
        {
          index: link.ifindex ?? null,
          name: link.ifname,
          state: link.operstate ?? null,
          up: flags.includes("UP"),
          carrier: flags.includes("LOWER_UP"),
          mtu: link.mtu ?? null,
          mac: link.address ?? null,
          linkType: link.link_type ?? null,
          kind: link.linkinfo?.info_kind ?? null,
          master: link.master ?? null,
          addresses: (link.addr_info ?? []).flatMap(address),
        },
        FORMAT,
      ),
    ];
  });
}
