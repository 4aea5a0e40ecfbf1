import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '#functions/entries/lambda-origin';
import type { Stage } from './stage';

/** At CloudFront, on every answer: the browser keeps to HTTPS, sniffs nothing, frames nothing, leaks no path to other sites. */
const securityHeaders: ResponseSecurityHeadersBehavior = {
  strictTransportSecurity: {
    accessControlMaxAge: Duration.days(730),
    includeSubdomains: true,
    override: true,
  },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  // Patient links carry their token in the path: no other site is told it. Not no-referrer:
  // browsers would then send `Origin: null` on our own forms, which the CSRF check refuses
  // (the same value as functions/app/server.ts).
  referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
};

/**
 * What people reach: CloudFront with the web ACL, TLS 1.2 or later on a custom
 * domain, security headers, `/assets/*` from a private bucket (hashed names,
 * cached a year, immutable) and everything else from the server, never cached.
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The address people use: https://{custom domain} or https://{id}.cloudfront.net. */
  readonly publicOrigin: string;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: Stage;
      api: HttpApi;
      originSecret: ISecret;
      assetsPath: string;
      /** Encrypts the upload function's logs. */
      logKey: IKey;
      webAclArn: string | undefined;
      certificate: ICertificate | undefined;
    },
  ) {
    super(scope, id);
    const { stage } = props;
    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The viewer's address for the app's rate limits: API Gateway sees only CloudFront's.
    // Set here, it replaces whatever a client sent under the same name.
    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        "function handler(event) { event.request.headers['x-viewer-address'] = { value: event.viewer.ip }; return event.request; }",
      ),
    });
    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Decide Together pages and API: security headers; never cached unless the app says',
      securityHeadersBehavior: securityHeaders,
      customHeadersBehavior: {
        // Only where the app set no Cache-Control of its own: HTML and API answers are never stored.
        customHeaders: [{ header: 'cache-control', value: 'no-store', override: false }],
      },
    });
    const assetHeaders = new ResponseHeadersPolicy(this, 'AssetHeaders', {
      comment: 'Decide Together hashed assets: security headers',
      securityHeadersBehavior: securityHeaders,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Decide Together (${stage.name})`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      // TLS 1.2 or later on the custom domain; the *.cloudfront.net certificate's policy is CloudFront's (ADR 19).
      ...(stage.domainName && props.certificate
        ? {
            domainNames: [stage.domainName],
            certificate: props.certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          // The function refuses requests without it (ADR 19). Resolved at deploy.
          customHeaders: {
            [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap(),
          },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [
          { function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST },
        ],
        compress: true,
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: assetHeaders,
          compress: true,
        },
      },
    });
    this.publicOrigin = stage.domainName
      ? `https://${stage.domainName}`
      : `https://${this.distribution.distributionDomainName}`;

    // The upload runs in CDK's own function during deploys. Its role is ours, so that it
    // writes only its own log group (not the managed basic execution role's any group).
    const uploadLogs = new LogGroup(this, 'DeployAssetsLogs', {
      retention: stage.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const uploadRole = new Role(this, 'DeployAssetsRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Decide Together: uploads the hashed assets during deploys',
    });
    uploadRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [uploadLogs.logGroupArn],
      }),
    );
    new BucketDeployment(this, 'DeployAssets', {
      // The hashed files only; Vite's manifest stays behind.
      sources: [Source.asset(props.assetsPath, { exclude: ['.vite', '.vite/**'] })],
      destinationBucket: this.bucket,
      // Keep earlier hashed files: pages already open still load them after a deploy.
      prune: false,
      // Every name is new when its content is: nothing cached is ever stale, so no
      // invalidation (and no CloudFront permission for the upload).
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      role: uploadRole,
      logGroup: uploadLogs,
    });
  }
}
