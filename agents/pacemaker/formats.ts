import { parseCrmMonText } from "./parse-crm-mon-text";
import { parseCrmMonXml } from "./parse-crm-mon-xml";

export const pacemakerFormats = {
  "crm-mon-xml": parseCrmMonXml,
  "crm-mon-text": parseCrmMonText,
} satisfies Record<string, (text: string) => unknown>;
