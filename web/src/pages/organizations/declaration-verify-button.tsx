/** 核验: a coordinator confirms a self-declared capacity item, specialty or volunteer record. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { capacityApi, type DeclarationKind } from '../../api';
import { useErrorText } from '../../error-text';

/** The cached query each kind of record is listed in. */
const LISTED_IN: Record<DeclarationKind, string> = {
  capacity: 'capacity',
  specialties: 'capacity',
  volunteers: 'volunteers',
};

export function DeclarationVerifyButton({ kind, id }: { kind: DeclarationKind; id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: () => capacityApi.verify(kind, id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [LISTED_IN[kind]] });
      message.success(t('embedding.verifiedDone'));
    },
    onError: (error) => message.error(full(error)),
  });
  return (
    <Popconfirm
      title={t('embedding.verifyConfirm')}
      okText={t('embedding.verify')}
      cancelText={t('common.cancel')}
      onConfirm={() => verify.mutateAsync()}
    >
      <Button size="small" icon={<SafetyCertificateOutlined />} loading={verify.isPending} data-testid="verify-button">
        {t('embedding.verify')}
      </Button>
    </Popconfirm>
  );
}
