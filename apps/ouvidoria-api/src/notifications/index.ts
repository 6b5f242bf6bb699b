/** What other features may use of requester notifications: the module, and the dispatcher's state for /health. */
export { NotificationsModule } from './notifications.module';
export { NotificationDispatcher, type DispatcherHealth } from './notification-dispatcher';
