import { createServer, type Socket } from "node:net";

// A minimal SMTP server on loopback for tests: accepts AUTH PLAIN/LOGIN and every message,
// and keeps what it received. Enough of RFC 5321 for nodemailer; no TLS.

export type TSinkMessage = { from: string; to: string[]; data: string; auth: string | null };

export async function startSmtpSink(): Promise<{ port: number; messages: TSinkMessage[]; stop: () => Promise<void> }> {
  const messages: TSinkMessage[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let loginStep: "user" | "pass" | null = null;
    let loginUser = "";
    let current: TSinkMessage = { from: "", to: [], data: "", auth: null };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP ready");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: "", to: [], data: "", auth: current.auth };
          reply("250 2.0.0 queued");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (loginStep === "user") {
          loginUser = Buffer.from(line, "base64").toString();
          loginStep = "pass";
          reply(`334 ${Buffer.from("Password:").toString("base64")}`);
          continue;
        }
        if (loginStep === "pass") {
          current.auth = `${loginUser}:${Buffer.from(line, "base64").toString()}`;
          loginStep = null;
          reply("235 2.7.0 authenticated");
          continue;
        }
        const verb = line.split(" ")[0]?.toUpperCase() ?? "";
        if (verb === "EHLO") socket.write("250-sink\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
        else if (verb === "HELO") reply("250 sink");
        else if (verb === "AUTH" && line.toUpperCase().startsWith("AUTH PLAIN ")) {
          const [, user, pass] = Buffer.from(line.slice(11), "base64").toString().split("\0");
          current.auth = `${user}:${pass}`;
          reply("235 2.7.0 authenticated");
        } else if (verb === "AUTH" && line.toUpperCase().startsWith("AUTH LOGIN")) {
          loginStep = "user";
          reply(`334 ${Buffer.from("Username:").toString("base64")}`);
        } else if (verb === "MAIL") {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 ok");
        else reply("502 5.5.2 not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("SMTP sink has no port");
  return {
    port: address.port,
    messages,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
