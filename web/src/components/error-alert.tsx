import { Alert } from 'antd';
import { ApiError } from '../api';
import { useErrorText } from '../error-text';

/** An API error above a form or list, in the reader's language. */
export function ErrorAlert({
  error,
  onClose,
  detail = false,
  testId = 'error-alert',
}: {
  error: unknown;
  onClose?: () => void;
  /** Also the problem's detail under its title, when the server gave one. */
  detail?: boolean;
  testId?: string;
}) {
  const { full } = useErrorText();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={full(error)}
      description={detail && error instanceof ApiError ? error.detail : undefined}
      closable={onClose ? { onClose } : false}
      className="error-alert"
      data-testid={testId}
    />
  );
}
