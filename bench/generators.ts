// Synthetic inputs at the sizes the benchmarks name, in the real tools' layouts.

export function crmMonXml(resourceCount: number, nodes = ["lab1", "lab2", "lab3"]): string {
  let resources = "";
  let history = "";
  for (let g = 0; g < resourceCount / 10; g++) {
    resources += `<group id="g${g}" number_resources="10" maintenance="false" managed="true" disabled="false">`;
    for (let i = 0; i < 10; i++) {
      const n = g * 10 + i;
      const node = nodes[g % nodes.length];
      resources += `<resource id="r_${n}" resource_agent="ocf:heartbeat:Dummy" role="Started" active="true" orphaned="false" blocked="false" maintenance="false" managed="true" failed="false" failure_ignored="false" nodes_running_on="1"><node name="${node}" id="${(g % nodes.length) + 1}" cached="true"/></resource>`;
      history += `<resource_history id="r_${n}" orphan="false" migration-threshold="1000000"><operation_history call="${n}" task="start" rc="0" rc_text="ok" exec-time="9ms" queue-time="0ms"/></resource_history>`;
    }
    resources += "</group>";
  }
  return `<?xml version="1.0"?>
<pacemaker-result api-version="2.30" request="crm_mon -1 --output-as=xml">
  <summary><stack type="corosync"/><current_dc present="true" version="2.1.5" name="lab1" id="1" with_quorum="true" mixed_version="false"/><nodes_configured number="${nodes.length}"/><resources_configured number="${resourceCount}" disabled="0" blocked="0"/><cluster_options stonith-enabled="false" symmetric-cluster="true" no-quorum-policy="stop" maintenance-mode="false" stop-all-resources="false"/></summary>
  <nodes>${nodes.map((n, i) => `<node name="${n}" id="${i + 1}" online="true" standby="false" standby_onfail="false" maintenance="false" pending="false" unclean="false" shutdown="false" expected_up="true" is_dc="${i === 0}" resources_running="${Math.round(resourceCount / nodes.length)}" type="member"/>`).join("")}</nodes>
  <resources>${resources}</resources>
  <node_history><node name="${nodes[0]}">${history}</node></node_history>
  <status code="0" message="OK"/>
</pacemaker-result>
`;
}

export function procDrbd(minors: number): string {
  const lines = ["version: 8.4.11 (api:1/proto:86-101)", "srcversion: 2CB6B5B8D2AA7F2C0EAF4A5", ""];
  for (let m = 0; m < minors; m++) {
    if (m % 10 === 9) {
      lines.push(`${String(m).padStart(2)}: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----`);
      lines.push(`    ns:1048576 nr:0 dw:0 dr:1049216 al:8 bm:0 lo:0 pe:4 ua:0 ap:0 ep:1 wo:f oos:3145728`);
      lines.push(`\t[====>...............] sync'ed: 25.1% (3072/4096)M`);
      lines.push(`\tfinish: 0:00:52 speed: 59,392 (59,392) K/sec`);
    } else {
      lines.push(`${String(m).padStart(2)}: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----`);
      lines.push(`    ns:4194304 nr:0 dw:16 dr:4195000 al:2 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function drbdEvents2(lineCount: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 50; i++) lines.push(`exists resource name:r${i} role:Secondary suspended:no write-ordering:flush`);
  lines.push("exists -");
  for (let i = 0; lines.length < lineCount; i++) {
    const n = i % 50;
    lines.push(
      i % 2 === 0
        ? `change resource name:r${n} role:${i % 4 === 0 ? "Primary" : "Secondary"}`
        : `change peer-device name:r${n} peer-node-id:1 conn-name:lab2 volume:0 replication:SyncSource peer-disk:Inconsistent done:${(i % 100).toFixed(2)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
