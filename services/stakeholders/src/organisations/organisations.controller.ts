import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Principal } from '@meic/service-kit';
import { CreateOrganisationBody, LeaveOrganisationBody, OrganisationList, OrganisationListQuery, OrganisationView } from './organisations.schemas';
import { OrganisationsService } from './organisations.service';


@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @ApiDoc({ summary: "An organisation joins a site's cluster (name unique within the site). Publishes meic.organisation.joined.", responses: { 201: { description: 'Created', schema: OrganisationView }, 409: { description: 'An organisation of that name is already a member of the site' }, 422: { description: 'Unknown site' } } })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateOrganisationBody) body: CreateOrganisationBody): Promise<OrganisationView> {
    return this.organisations.join(principal, body);
  }

  @ApiDoc({ summary: 'List cluster organisations in creation order (site_staff: of their sites)', responses: { 200: { description: 'One page of organisations', schema: OrganisationList } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(OrganisationListQuery) query: OrganisationListQuery) {
    return this.organisations.list(principal, query);
  }

  @ApiDoc({ summary: 'One organisation', responses: { 200: { description: 'Organisation', schema: OrganisationView }, 400: { description: 'The id is not a UUID' }, 404: { description: 'Unknown organisation' } } })
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<OrganisationView> {
    return this.organisations.get(principal, id);
  }

  @ApiDoc({ summary: "An organisation leaves its site's cluster (extension of the contract). Publishes meic.organisation.left.", responses: { 200: { description: 'The organisation with its leaving date', schema: OrganisationView }, 404: { description: 'Unknown organisation' }, 409: { description: 'It already left' } } })
  @Post(':id/leave')
  @HttpCode(200)
  @Roles('admin', 'site_staff')
  leave(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(LeaveOrganisationBody) body: LeaveOrganisationBody): Promise<OrganisationView> {
    return this.organisations.leave(principal, id, body);
  }
}
