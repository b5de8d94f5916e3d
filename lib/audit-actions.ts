// What each audited action did, in words a responder reads at a glance.
const ACTION_LABELS: Record<string, string> = {
  "incident.create": "Incident declared",
  "incident.edit": "Incident edited",
  "incident.attributes": "Incident details changed",
  "incident.delete": "Incident deleted",
  "incident.relate": "Related incident linked",
  "incident.unrelate": "Related incident unlinked",
  "incident.reopen": "Incident reopened",
  "incident.resolve": "Incident resolved",
  "incident.update.create": "Update posted",
  "incident.update.edit": "Update edited",
  "incident.update.delete": "Update deleted",
  "maintenance.schedule": "Maintenance scheduled",
  "maintenance.reschedule": "Maintenance rescheduled",
  "maintenance.start": "Maintenance started",
  "maintenance.complete": "Maintenance completed",
  "postmortem.save": "Postmortem draft saved",
  "postmortem.publish": "Postmortem published",
  "postmortem.unpublish": "Postmortem unpublished",
  "postmortem.delete": "Postmortem deleted",
  "component.create": "Component added",
  "component.edit": "Component edited",
  "component.delete": "Component deleted",
  "component.move": "Component moved",
  "component.set-status": "Component status changed",
  "component-group.create": "Group added",
  "component-group.edit": "Group edited",
  "component-group.delete": "Group deleted",
  "component-group.move": "Group moved",
  "template.create": "Template added",
  "template.edit": "Template edited",
  "template.delete": "Template deleted",
  "user.create": "User added",
  "user.setup-owner": "Owner account created",
  "user.change-role": "Role changed",
  "user.deactivate": "User deactivated",
  "user.reactivate": "User reactivated",
  "api-key.create": "API key created",
  "api-key.revoke": "API key revoked",
  "page.edit": "Page settings changed",
  "subscriber.create": "Subscriber added",
  "subscriber.confirm": "Subscription confirmed",
  "subscriber.update": "Subscription changed",
  "subscriber.unsubscribe": "Unsubscribed",
  "subscriber.remove": "Subscriber removed",
  "subscriber.reactivate": "Subscriber reactivated",
  "subscriber.reenable": "Webhook re-enabled",
  "subscriber.resend_confirmation": "Confirmation resent",
  "subscriber.manage_link_sent": "Manage link sent",
};

/** "Update posted" for `incident.update.create`; an action without a label reads as its own words. */
export function describeAuditAction(action: string): string {
  const label = ACTION_LABELS[action];
  if (label) return label;
  if (action.startsWith("import.")) return `Imported ${action.slice("import.".length).replace(/[_-]/g, " ")}`;
  const words = action.replace(/[._-]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
