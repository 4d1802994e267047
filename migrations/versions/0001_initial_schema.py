"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('comuni',
    sa.Column('istat', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_other', sa.String(length=200), nullable=True),
    sa.Column('province', sa.String(length=2), nullable=False),
    sa.Column('province_name', sa.String(length=100), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('istat', name=op.f('pk_comuni'))
    )
    with op.batch_alter_table('comuni', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comuni_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_comuni_region'), ['region'], unique=False)

    op.create_table('imap_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=400), nullable=False),
    sa.Column('folder', sa.String(length=400), nullable=False),
    sa.Column('uidvalidity', sa.BigInteger(), nullable=False),
    sa.Column('uid', sa.BigInteger(), nullable=False),
    sa.Column('action', sa.String(length=400), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imap_actions'))
    )
    op.create_table('imap_folders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=400), nullable=False),
    sa.Column('folder', sa.String(length=400), nullable=False),
    sa.Column('uidvalidity', sa.BigInteger(), nullable=False),
    sa.Column('last_uid', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imap_folders')),
    sa.UniqueConstraint('account', 'folder', name='uq_imap_folders_account_folder')
    )
    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('message_id', sa.Text(), nullable=True),
    sa.Column('date', sa.Text(), nullable=True),
    sa.Column('date_utc', sa.DateTime(timezone=True), nullable=True),
    sa.Column('from_header', sa.Text(), nullable=True),
    sa.Column('from_address', sa.String(length=320), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('pec_type', sa.String(length=60), nullable=True),
    sa.Column('certified_sender', sa.String(length=320), nullable=True),
    sa.Column('pec_identifier', sa.Text(), nullable=True),
    sa.Column('signers', sa.JSON(), nullable=True),
    sa.Column('warnings', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages')),
    sa.UniqueConstraint('sha256', name=op.f('uq_messages_sha256'))
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messages_date_utc'), ['date_utc'], unique=False)
        batch_op.create_index('ix_messages_message_id', ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_messages_status'), ['status'], unique=False)

    op.create_table('poll_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('folders', sa.Text(), nullable=False),
    sa.Column('fetched', sa.Integer(), nullable=False),
    sa.Column('new', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_runs'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_pk', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('intent', sa.String(length=20), nullable=True),
    sa.Column('mode', sa.String(length=20), nullable=True),
    sa.Column('places', sa.Integer(), nullable=True),
    sa.Column('places_total', sa.Integer(), nullable=True),
    sa.Column('places_current', sa.Integer(), nullable=True),
    sa.Column('counts', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['message_pk'], ['messages.id'], name=op.f('fk_corrections_message_pk_messages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_corrections_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections'))
    )
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrections_message_pk'), ['message_pk'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_pk', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('part', sa.String(length=100), nullable=False),
    sa.Column('mime', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=30), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['message_pk'], ['messages.id'], name=op.f('fk_documents_message_pk_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_message_pk'), ['message_pk'], unique=False)

    op.create_table('extractions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_pk', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('intent', sa.String(length=20), nullable=True),
    sa.Column('mode', sa.String(length=20), nullable=True),
    sa.Column('places', sa.Integer(), nullable=True),
    sa.Column('places_total', sa.Integer(), nullable=True),
    sa.Column('places_current', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('needs_review', sa.Boolean(), nullable=False),
    sa.Column('review_reasons', sa.JSON(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['message_pk'], ['messages.id'], name=op.f('fk_extractions_message_pk_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extractions'))
    )
    with op.batch_alter_table('extractions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extractions_message_pk'), ['message_pk'], unique=False)
        batch_op.create_index('uq_extractions_current', ['message_pk'], unique=True, sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))

    op.create_table('message_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_pk', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_pk'], ['messages.id'], name=op.f('fk_message_sources_message_pk_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_sources')),
    sa.UniqueConstraint('message_pk', 'source', name='uq_message_sources_message_pk_source')
    )
    with op.batch_alter_table('message_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_sources_message_pk'), ['message_pk'], unique=False)

    op.create_table('raw_messages',
    sa.Column('message_pk', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['message_pk'], ['messages.id'], name=op.f('fk_raw_messages_message_pk_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('message_pk', name=op.f('pk_raw_messages'))
    )
    op.create_table('correction_comuni',
    sa.Column('correction_id', sa.Integer(), nullable=False),
    sa.Column('istat', sa.String(length=6), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['correction_id'], ['corrections.id'], name=op.f('fk_correction_comuni_correction_id_corrections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['istat'], ['comuni.istat'], name=op.f('fk_correction_comuni_istat_comuni')),
    sa.PrimaryKeyConstraint('correction_id', 'istat', name=op.f('pk_correction_comuni'))
    )
    with op.batch_alter_table('correction_comuni', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_comuni_istat'), ['istat'], unique=False)

    op.create_table('extraction_comuni',
    sa.Column('extraction_id', sa.Integer(), nullable=False),
    sa.Column('istat', sa.String(length=6), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['extraction_id'], ['extractions.id'], name=op.f('fk_extraction_comuni_extraction_id_extractions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['istat'], ['comuni.istat'], name=op.f('fk_extraction_comuni_istat_comuni')),
    sa.PrimaryKeyConstraint('extraction_id', 'istat', name=op.f('pk_extraction_comuni'))
    )
    with op.batch_alter_table('extraction_comuni', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extraction_comuni_istat'), ['istat'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('extraction_comuni', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extraction_comuni_istat'))

    op.drop_table('extraction_comuni')
    with op.batch_alter_table('correction_comuni', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_comuni_istat'))

    op.drop_table('correction_comuni')
    op.drop_table('raw_messages')
    with op.batch_alter_table('message_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_sources_message_pk'))

    op.drop_table('message_sources')
    with op.batch_alter_table('extractions', schema=None) as batch_op:
        batch_op.drop_index('uq_extractions_current', sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))
        batch_op.drop_index(batch_op.f('ix_extractions_message_pk'))

    op.drop_table('extractions')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_message_pk'))

    op.drop_table('documents')
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrections_message_pk'))

    op.drop_table('corrections')
    op.drop_table('users')
    op.drop_table('poll_runs')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messages_status'))
        batch_op.drop_index('ix_messages_message_id')
        batch_op.drop_index(batch_op.f('ix_messages_date_utc'))

    op.drop_table('messages')
    op.drop_table('imap_folders')
    op.drop_table('imap_actions')
    with op.batch_alter_table('comuni', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comuni_region'))
        batch_op.drop_index(batch_op.f('ix_comuni_province'))

    op.drop_table('comuni')
