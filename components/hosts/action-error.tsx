// The server's report message, or the first validation message of a field.
export function ActionError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {message}
    </p>
  );
}

type TFieldErrors = Record<string, { _errors?: string[] } | undefined> | undefined;
export const fieldError = (errors: unknown, field: string): string | undefined => (errors as TFieldErrors)?.[field]?._errors?.[0];
