export function subscriptionLinks(baseUrl: string, manageToken: string) {
  const token = encodeURIComponent(manageToken);
  return {
    manage: `${baseUrl}/subscribe/manage/${token}`,
    unsubscribe: `${baseUrl}/subscribe/unsubscribe/${token}`,
    oneClickUnsubscribe: `${baseUrl}/api/subscriptions/unsubscribe?token=${token}`,
    documentation: `${baseUrl}/subscribe#webhooks`,
  };
}

export function confirmLink(baseUrl: string, confirmToken: string): string {
  return `${baseUrl}/subscribe/confirm/${encodeURIComponent(confirmToken)}`;
}
