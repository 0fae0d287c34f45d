/** The package version recorded in `collection.widgetVersion`; a test keeps it equal to package.json's. */
export const WIDGET_VERSION = '0.1.0';
