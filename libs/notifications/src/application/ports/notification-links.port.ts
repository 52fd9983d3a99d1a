export const NOTIFICATION_LINKS = Symbol('NotificationLinks');

/** Where the links in emails point: absolute URLs, since an email is read outside the app. */
export interface NotificationLinks {
  /** The API's public base URL (PUBLIC_BASE_URL; else the API's own address, http://localhost:<PORT>). */
  apiBaseUrl: string;
}
