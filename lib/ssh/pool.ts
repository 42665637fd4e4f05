import "server-only";
import { createHash } from "node:crypto";
import type { TCommandListener } from "./command-event";
import { HostConnection, type THostStats } from "./host-connection";
import { ZPoolSettings, type TPoolSettings, type TPoolSettingsInput } from "./pool-settings";
import { poolKeyOf, type TSshTarget } from "./target";

export type TPoolOptions = TPoolSettingsInput & { onCommand?: TCommandListener };

// Everything that decides how we connect. If any of it changes for a host (new address,
// re-pinned key, rotated credential), the old connection must not be reused.
function signatureOf(target: TSshTarget): string {
  return createHash("sha256").update(JSON.stringify([target.address, target.port, target.username, target.hostKey, target.auth])).digest("hex");
}

// Connections to all hosts, one per host, created on first use.
export class SshPool {
  readonly settings: TPoolSettings;
  readonly onCommand: TCommandListener | undefined;
  private readonly hosts = new Map<string, { connection: HostConnection; signature: string }>();

  constructor(options: TPoolOptions = {}) {
    const { onCommand, ...settings } = options;
    this.settings = ZPoolSettings.parse(settings);
    this.onCommand = onCommand;
  }

  connectionFor(target: TSshTarget): HostConnection {
    const key = poolKeyOf(target);
    const signature = signatureOf(target);
    const existing = this.hosts.get(key);
    if (existing && existing.signature === signature) return existing.connection;
    existing?.connection.close();
    const connection = new HostConnection(target, this.settings);
    this.hosts.set(key, { connection, signature });
    return connection;
  }

  stats(target: TSshTarget): THostStats | null {
    return this.hosts.get(poolKeyOf(target))?.connection.stats() ?? null;
  }

  close(target: TSshTarget): void {
    const key = poolKeyOf(target);
    this.hosts.get(key)?.connection.close();
    this.hosts.delete(key);
  }

  closeAll(): void {
    for (const { connection } of this.hosts.values()) connection.close();
    this.hosts.clear();
  }
}
