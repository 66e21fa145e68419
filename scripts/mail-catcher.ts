import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A tiny SMTP server for the demo and the browser tests: accepts every mail on loopback and
// prints who it was for, its subject and its links, so you can see the outbox working.
const port = Number(process.env.MAIL_CATCHER_PORT ?? 2525);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = mail.to && "text" in mail.to ? mail.to.text : "";
        const links = (mail.text ?? "").match(/https?:\/\/\S+/g) ?? [];
        console.log(
          `✉  to ${to}: ${mail.subject}${links.length ? `\n   ${links.join("\n   ")}` : ""}`,
        );
        callback();
      })
      .catch(callback);
  },
});

server.listen(port, "127.0.0.1", () =>
  console.log(`Mail catcher listening on smtp://127.0.0.1:${port}`),
);
for (const s of ["SIGINT", "SIGTERM"] as const)
  process.on(s, () => server.close(() => process.exit(0)));
