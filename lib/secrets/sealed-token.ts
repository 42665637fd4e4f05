// A sealed token stands in for a secret (a fencing password, the corosync authkey) wherever the
// secret would otherwise be stored or shown: the wizard's draft, a job's input and plan, the
// plan's previews. Only the apply engine opens tokens, in the stdin or file content it sends to
// a host. This module only recognises tokens, so the browser can use it too; sealing and
// opening need the panel's key (lib/secrets/secrets.ts).

export const SEALED_PREFIX = "panel-sealed:";
// The envelope in base64url: no character that XML, shell quoting or a config file would touch.
const TOKEN = /panel-sealed:[A-Za-z0-9_-]+/g;

export const isSealedToken = (value: string): boolean => value.startsWith(SEALED_PREFIX) && value.replace(TOKEN, "") === "";
export const hasSealedToken = (text: string): boolean => text.includes(SEALED_PREFIX);

export function replaceSealedTokens(text: string, open: (token: string) => string): string {
  return text.replace(TOKEN, (token) => open(token));
}

// For pages and logs: what the admin sees in place of a token.
export const SEALED_DISPLAY = "[sealed secret]";
export const maskSealedTokens = (text: string): string => replaceSealedTokens(text, () => SEALED_DISPLAY);

// Names of agent parameters whose values are secrets (fence agents: password, passwd,
// snmp_priv_passwd, …): the wizard seals them as soon as they reach the server.
export const isSecretParamName = (name: string): boolean => /pass|secret|token/i.test(name);
