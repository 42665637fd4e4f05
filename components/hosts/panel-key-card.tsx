import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { TPanelPublicKey } from "@/lib/hosts/panel-key";
import { CopyButton } from "./copy-button";

// Only the public half: the private key never leaves the server.
export function PanelKeyCard({ panelKey }: { panelKey: TPanelPublicKey }) {
  return (
    <Card className="mb-6">
      <CardHeader title="The panel's SSH key" actions={<CopyButton text={panelKey.publicKey} label="Copy public key" />} />
      <CardBody className="space-y-2 text-sm">
        <p className="text-slate-700">
          To install it by hand, append this line to <code>~/.ssh/authorized_keys</code> of the SSH user on each host.
        </p>
        <pre aria-label="Panel public key" className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs">
          {panelKey.publicKey}
        </pre>
        <p className="text-xs text-slate-600">
          Fingerprint <span className="font-mono">{panelKey.fingerprint}</span>
        </p>
      </CardBody>
    </Card>
  );
}
