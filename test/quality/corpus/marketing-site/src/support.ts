declare const fcWidget: { init(o: object): void; user: { setEmail(e: string): Promise<void>; setFirstName(n: string): Promise<void>; setProperties(p: object): Promise<void> }; track(e: string, p?: object): void };
declare const LiveChatWidget: { call(cmd: string, ...args: unknown[]): void };

type Visitor = { id: string; email: string; firstName: string; orderCount: number; lastOrderId?: string };

export function bootSupport(visitor: Visitor) {
  // quiet [freshchat] widget init with the token and host
  fcWidget.init({ token: 'fc-token', host: 'https://wchat.freshchat.com' });
  // expect: mt/personal-data-to-third-party email [freshchat] the visitor's address
  void fcWidget.user.setEmail(visitor.email);
  // expect: mt/personal-data-to-third-party name [freshchat] and first name
  void fcWidget.user.setFirstName(visitor.firstName);
  // quiet [freshchat] counts and an order id
  void fcWidget.user.setProperties({ orders: visitor.orderCount, lastOrder: visitor.lastOrderId });
  // expect: mt/personal-data-to-third-party email [livechat] LiveChat customer email
  LiveChatWidget.call('set_customer_email', visitor.email);
  // expect: mt/personal-data-to-third-party name [livechat] and name
  LiveChatWidget.call('set_customer_name', visitor.firstName);
  // quiet [livechat] session variables with counts
  LiveChatWidget.call('set_session_variables', { orders: String(visitor.orderCount) });
}
