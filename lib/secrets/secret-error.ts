import { errorReport, ReportError } from "@/lib/reports/report";

export type SecretErrorCode =
  | "SECRET_KEY_MISSING"
  | "SECRET_KEY_MALFORMED"
  | "SECRET_KEY_FILE_INSECURE"
  | "SECRET_KEY_MISMATCH"
  | "SECRET_ENVELOPE_MALFORMED";

// Messages never include the secret or the key, only where they came from.
export const secretError = (code: SecretErrorCode, message: string, params: Record<string, unknown>) =>
  new ReportError(errorReport(code, message, params));
