// BASELINE, deliberately naive: crm_mon XML read with regexes and string splits, the way a
// quick script does it. Only for bench/parsers-vs-naive.ts to compare against
// agents/pacemaker/parse-crm-mon-xml.ts; never used by the panel.
export type TNaiveCrmMon = {
  quorate: boolean;
  dc: string | null;
  nodes: { name: string; online: boolean; standby: boolean; maintenance: boolean; unclean: boolean }[];
  resources: { id: string; agent: string; role: string; nodes: string[]; failed: boolean; managed: boolean }[];
  failures: { resource: string; node: string | null; operation: string }[];
};

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

export function naiveCrmMonXml(xml: string): TNaiveCrmMon {
  const nodesPart = xml.split("<nodes>")[1]?.split("</nodes>")[0] ?? "";
  const resourcesPart = xml.split("<resources>")[1]?.split("</resources>")[0] ?? "";
  const failuresPart = xml.split("<failures>")[1]?.split("</failures>")[0] ?? "";
  return {
    quorate: /with_quorum="true"/.test(xml),
    dc: /<current_dc [^>]*name="([^"]*)"/.exec(xml)?.[1] ?? null,
    nodes: [...nodesPart.matchAll(/<node ([^>]*)\/?>/g)].map((m) => {
      const a = attrs(m[1] ?? "");
      return { name: a.name ?? "", online: a.online === "true", standby: a.standby === "true", maintenance: a.maintenance === "true", unclean: a.unclean === "true" };
    }),
    resources: [...resourcesPart.matchAll(/<resource ([^>]*?)(\/>|>([\s\S]*?)<\/resource>)/g)].map((m) => {
      const a = attrs(m[1] ?? "");
      return {
        id: a.id ?? "",
        agent: a.resource_agent ?? "",
        role: a.role ?? "",
        nodes: [...(m[3] ?? "").matchAll(/<node name="([^"]*)"/g)].map((n) => n[1] ?? ""),
        failed: a.failed === "true",
        managed: a.managed !== "false",
      };
    }),
    failures: [...failuresPart.matchAll(/<failure ([^>]*)\/>/g)].map((m) => {
      const a = attrs(m[1] ?? "");
      // op_key is <resource>_<operation>_<interval>
      const [resource = "", operation = ""] = (a.op_key ?? "").split("_");
      return { resource, node: a.node ?? null, operation: a.task ?? operation };
    }),
  };
}
