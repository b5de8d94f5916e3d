import "server-only";
import { renderMarkdown, markdownToText } from "@/lib/markdown";
import { formatUtcDateTime } from "@/lib/format";
import { escapeHtml } from "@/lib/escape-html";
import { pageLabel } from "@/lib/page-title";
import type { NotificationPayload } from "@/server/notifications/payload";
import type { OutgoingMail } from "@/server/notifications/mailer";
import { subscriptionLinks } from "@/server/notifications/links";

function layout(pageName: string, inner: string, footer: string): string {
  return `<!doctype html><html><body style="margin:0;padding:24px;background:#f4f4f5;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#18181b">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-size:14px;color:#52525b">${escapeHtml(pageLabel(pageName))}</p>
${inner}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#71717a">${footer}</p>
</body></html>`;
}

/** The notification email for one incident or maintenance update, with manage and unsubscribe links. */
export function renderIncidentEmail(
  payload: NotificationPayload,
  to: string,
  manageToken: string,
  deliveryId: string,
): OutgoingMail {
  const email = payload.email;
  if (!email) throw new Error("This message has no email content.");
  const links = subscriptionLinks(payload.baseUrl, manageToken);
  const when = formatUtcDateTime(new Date(email.displayAt));
  const components = email.affectedComponents.length ? email.affectedComponents.join(", ") : "None";
  const text = [
    `${email.incidentName}`,
    "",
    `${email.statusLabel} - ${markdownToText(email.bodyMarkdown)}`,
    when,
    "",
    `Affected components: ${components}`,
    "",
    `View the ${email.kind === "maintenance" ? "maintenance" : "incident"}: ${email.incidentUrl}`,
    "",
    "--",
    `You are receiving this because you subscribed to ${pageLabel(payload.page.name)} updates.`,
    `Manage your subscription: ${links.manage}`,
    `Unsubscribe: ${links.unsubscribe}`,
  ].join("\n");
  const inner = `<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(email.incidentName)}</h1>
<p style="margin:0 0 4px"><strong>${escapeHtml(email.statusLabel)}</strong> - ${escapeHtml(when)}</p>
<div style="margin:0 0 16px;line-height:1.5">${renderMarkdown(email.bodyMarkdown)}</div>
<p style="margin:0 0 16px;font-size:14px"><strong>Affected components:</strong> ${escapeHtml(components)}</p>
<p style="margin:0"><a href="${escapeHtml(email.incidentUrl)}" style="color:#2563eb">View the ${email.kind === "maintenance" ? "maintenance" : "incident"}</a></p>`;
  const footer = `You are receiving this because you subscribed to ${escapeHtml(pageLabel(payload.page.name))} updates.
<a href="${escapeHtml(links.manage)}">Manage your subscription</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a>`;
  return {
    to,
    subject: email.subject,
    text,
    html: layout(payload.page.name, inner, footer),
    messageId: `<${deliveryId}@statuspage.delivery>`,
    headers: {
      "List-Unsubscribe": `<${links.oneClickUnsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Statuspage-Delivery-Id": deliveryId,
    },
  };
}

export function renderConfirmationEmail(input: {
  pageName: string;
  to: string;
  confirmUrl: string;
  scope: string;
}): OutgoingMail {
  const text = [
    `Confirm your subscription to ${pageLabel(input.pageName)}`,
    "",
    `Someone (hopefully you) asked to receive ${input.scope} by email at this address.`,
    `Confirm the subscription: ${input.confirmUrl}`,
    "",
    "If you did not ask for this, ignore this email: nothing will be sent until the link is opened.",
  ].join("\n");
  const inner = `<h1 style="margin:0 0 16px;font-size:20px">Confirm your subscription</h1>
<p style="margin:0 0 16px;line-height:1.5">Someone (hopefully you) asked to receive ${escapeHtml(input.scope)} by email at this address.</p>
<p style="margin:0 0 16px"><a href="${escapeHtml(input.confirmUrl)}" style="display:inline-block;background:#2563eb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">Confirm subscription</a></p>
<p style="margin:0;font-size:14px;color:#52525b">If you did not ask for this, ignore this email: nothing will be sent until the link is opened.</p>`;
  return {
    to: input.to,
    subject: `[${pageLabel(input.pageName)}] Confirm your subscription`,
    text,
    html: layout(input.pageName, inner, ""),
  };
}

export function renderAlreadySubscribedEmail(input: { pageName: string; to: string; manageUrl: string }): OutgoingMail {
  const text = [
    `You are already subscribed to ${pageLabel(input.pageName)}`,
    "",
    "Someone asked to subscribe this address again. Nothing changed.",
    `Change components or unsubscribe here: ${input.manageUrl}`,
  ].join("\n");
  const inner = `<h1 style="margin:0 0 16px;font-size:20px">You are already subscribed</h1>
<p style="margin:0 0 16px;line-height:1.5">Someone asked to subscribe this address again. Nothing changed.</p>
<p style="margin:0"><a href="${escapeHtml(input.manageUrl)}" style="color:#2563eb">Change components or unsubscribe</a></p>`;
  return {
    to: input.to,
    subject: `[${pageLabel(input.pageName)}] Your subscription`,
    text,
    html: layout(input.pageName, inner, ""),
  };
}
