import * as fs from "fs";
import * as path from "path";

/** Waits for a mail to `to` in the portal's outbox folder and returns the first link containing `marker`. */
export async function linkFromOutbox(to: string, marker: string): Promise<string> {
  const outbox = path.join(process.env.QUORUM_E2E_DIR!, "outbox");
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      // Undo quoted-printable soft line breaks and escaped '=' so links read whole.
      const text = fs.readFileSync(path.join(outbox, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (!text.includes(`To: ${to}`)) continue;
      const match = text.match(new RegExp(`https?://[^\\s"<]*${marker.replace(/[?]/g, "\\?")}[A-Za-z0-9_-]+`));
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with ${marker} in ${outbox}`);
}

/** Waits (10 s, or `seconds`) for a mail to `to` in the portal's outbox folder that contains
 *  `needle`; returns it whole. */
export async function mailTo(to: string, needle: string, seconds = 10): Promise<string> {
  const outbox = path.join(process.env.QUORUM_E2E_DIR!, "outbox");
  for (let i = 0; i < seconds * 10; i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(outbox, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (text.includes(`To: ${to}`) && text.includes(needle)) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with ${needle} in ${outbox}`);
}
