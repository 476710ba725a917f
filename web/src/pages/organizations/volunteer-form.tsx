/** The form, in a modal, to add a volunteer or change one's record. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AVAILABILITIES } from '../../../../src/model/capacity';
import { capacityApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError, useErrorText } from '../../error-text';
import type { Availability, VolunteerInput, VolunteerView } from '../../types';

interface Values {
  name: string;
  phone?: string | null;
  skills?: string[];
  certifications?: { type?: string; issuer?: string; expiresOn?: string | null }[];
  insuranceExpiresOn?: string | null;
  availability: Availability;
}

const FIELDS = [['name'], ['phone'], ['skills'], ['certifications'], ['insuranceExpiresOn'], ['availability']] as const;

function initialValues(volunteer: VolunteerView | null): Partial<Values> {
  if (!volunteer) return { availability: 'available', skills: [], certifications: [] };
  return {
    name: volunteer.name ?? '',
    phone: volunteer.phone,
    skills: volunteer.skills,
    certifications: volunteer.certifications,
    insuranceExpiresOn: volunteer.insuranceExpiresOn,
    availability: volunteer.availability,
  };
}

function toInput(values: Values): VolunteerInput {
  return {
    name: values.name.trim(),
    phone: values.phone?.trim() || null,
    skills: (values.skills ?? []).map((s) => s.trim()).filter(Boolean),
    certifications: (values.certifications ?? [])
      .filter((c) => c.type?.trim())
      .map((c) => ({ type: c.type?.trim() ?? '', issuer: c.issuer?.trim() ?? '', expiresOn: c.expiresOn || null })),
    insuranceExpiresOn: values.insuranceExpiresOn || null,
    availability: values.availability,
  };
}

/** Adds a volunteer ('new') or changes one; closed when volunteer is null. */
export function VolunteerModal({
  organizationId,
  volunteer,
  onClose,
}: {
  organizationId: string;
  volunteer: VolunteerView | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const existing = volunteer && volunteer !== 'new' ? volunteer : null;
  const requiredRule = { required: true, whitespace: true, message: t('form.required') };

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: Values) => {
    setError(null);
    setSaving(true);
    try {
      if (existing) await capacityApi.amendVolunteer(existing.id, toInput(values));
      else await capacityApi.addVolunteer(organizationId, toInput(values));
      await queryClient.invalidateQueries({ queryKey: ['volunteers', organizationId] });
      toast.success(existing ? t('volunteers.saved') : t('volunteers.added'));
      close();
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={volunteer !== null}
      title={existing ? t('volunteers.editTitle', { name: existing.name ?? '' }) : t('volunteers.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={close}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="volunteer"
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={initialValues(existing)}
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {existing?.verification ? (
          <Alert type="info" showIcon className="form-alert" title={t('capacity.editResetsVerification')} />
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('volunteers.name')} rules={[requiredRule]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('volunteers.phone')}>
              <Input maxLength={30} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="skills" label={t('volunteers.skills')} extra={t('volunteers.skillsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item label={t('volunteers.certifications')} className="cert-fields">
          <Form.List name="certifications">
            {(items, { add, remove }) => (
              <>
                {items.map(({ key, name }) => (
                  <Row gutter={8} key={key} align="top" wrap={false} className="cert-row">
                    <Col flex="1 1 0">
                      <Form.Item name={[name, 'type']} rules={[requiredRule]} className="cert-item">
                        <Input maxLength={100} placeholder={t('volunteers.certType')} aria-label={t('volunteers.certType')} />
                      </Form.Item>
                    </Col>
                    <Col flex="1 1 0">
                      <Form.Item name={[name, 'issuer']} rules={[requiredRule]} className="cert-item">
                        <Input maxLength={200} placeholder={t('volunteers.certIssuer')} aria-label={t('volunteers.certIssuer')} />
                      </Form.Item>
                    </Col>
                    <Col flex="0 0 150px">
                      <Form.Item name={[name, 'expiresOn']} className="cert-item">
                        <Input type="date" aria-label={t('volunteers.certExpiresOn')} />
                      </Form.Item>
                    </Col>
                    <Col flex="none">
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('volunteers.removeCert')}
                        onClick={() => remove(name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: '', issuer: '', expiresOn: null })}>
                  {t('volunteers.addCert')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="insuranceExpiresOn" label={t('volunteers.insuranceExpiresOn')}>
              <Input type="date" className="date-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="availability" label={t('volunteers.availabilityTitle')} rules={[requiredRule]}>
              <Select options={AVAILABILITIES.map((a) => ({ value: a, label: t(`volunteers.availability.${a}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
