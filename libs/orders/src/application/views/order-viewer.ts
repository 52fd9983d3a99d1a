/** Who is asking: customers see their own orders, admins see all. Anyone else's order is "not found". */
export interface OrderViewer {
  userId: string;
  isAdmin: boolean;
}

export const canSee = (viewer: OrderViewer, order: { isOwnedBy(userId: string): boolean }): boolean =>
  viewer.isAdmin || order.isOwnedBy(viewer.userId);
