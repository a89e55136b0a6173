import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Principal, type RouteDoc } from '@meic/service-kit';
import { CreateOrganisationBody, LeaveOrganisationBody, OrganisationList, OrganisationListQuery, OrganisationView } from './organisations.schemas';
import { OrganisationsService } from './organisations.service';

const ALL_ROLES = ['admin', 'consortium_lead', 'evaluator', 'site_staff'] as const;

@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateOrganisationBody) body: CreateOrganisationBody): Promise<OrganisationView> {
    return this.organisations.join(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(OrganisationListQuery) query: OrganisationListQuery) {
    return this.organisations.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<OrganisationView> {
    return this.organisations.get(principal, id);
  }

  @Post(':id/leave')
  @HttpCode(200)
  @Roles('admin', 'site_staff')
  leave(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(LeaveOrganisationBody) body: LeaveOrganisationBody): Promise<OrganisationView> {
    return this.organisations.leave(principal, id, body);
  }
}

export const organisationsRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/organisations',
    summary: "An organisation joins a site's cluster (name unique within the site). Publishes meic.organisation.joined.",
    roles: ['admin', 'site_staff'],
    body: CreateOrganisationBody,
    responses: { 201: { description: 'Created', schema: OrganisationView }, 409: { description: 'An organisation of that name is already a member of the site' }, 422: { description: 'Unknown site' } },
  },
  {
    method: 'get',
    path: '/v1/organisations',
    summary: 'List cluster organisations in creation order (site_staff: of their sites)',
    roles: ALL_ROLES,
    query: OrganisationListQuery.properties,
    responses: { 200: { description: 'One page of organisations', schema: OrganisationList } },
  },
  { method: 'get', path: '/v1/organisations/{id}', summary: 'One organisation', roles: ALL_ROLES, responses: { 200: { description: 'Organisation', schema: OrganisationView }, 400: { description: 'The id is not a UUID' }, 404: { description: 'Unknown organisation' } } },
  {
    method: 'post',
    path: '/v1/organisations/{id}/leave',
    summary: "An organisation leaves its site's cluster (extension of the contract). Publishes meic.organisation.left.",
    roles: ['admin', 'site_staff'],
    body: LeaveOrganisationBody,
    responses: { 200: { description: 'The organisation with its leaving date', schema: OrganisationView }, 404: { description: 'Unknown organisation' }, 409: { description: 'It already left' } },
  },
];
