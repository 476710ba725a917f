import { Alert } from 'antd';
import { useErrorText } from '../error-text';

/** An API error above a form or list, in the reader's language. */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { full } = useErrorText();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={full(error)}
      closable={onClose ? { onClose } : false}
      className="error-alert"
      data-testid="error-alert"
    />
  );
}
