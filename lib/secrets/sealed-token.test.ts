import { describe, expect, it } from "vitest";
import { hasSealedToken, isSealedToken, isSecretParamName, maskSealedTokens, replaceSealedTokens } from "./sealed-token";

describe("sealed tokens", () => {
  it("tells a whole token from text that only contains one", () => {
    expect(isSealedToken("panel-sealed:djE6YWJj")).toBe(true);
    expect(isSealedToken('value="panel-sealed:djE6YWJj"')).toBe(false);
    expect(hasSealedToken('value="panel-sealed:djE6YWJj"')).toBe(true);
    expect(isSealedToken("hunter2")).toBe(false);
  });

  it("replaces every token in a text and nothing else", () => {
    const text = '<a p="panel-sealed:AAA" q="panel-sealed:B_-b"/> panel-sealed';
    expect(replaceSealedTokens(text, (t) => t.slice(-3))).toBe('<a p="AAA" q="_-b"/> panel-sealed');
    expect(maskSealedTokens(text)).toBe('<a p="[sealed secret]" q="[sealed secret]"/> panel-sealed');
  });

  it("knows the fence agents' secret parameter names", () => {
    expect(["password", "passwd", "snmp_priv_passwd", "api_token", "client_secret"].every(isSecretParamName)).toBe(true);
    expect(["ip", "username", "pcmk_host_list", "ssl_insecure"].some(isSecretParamName)).toBe(false);
  });
});
