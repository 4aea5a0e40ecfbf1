import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  AccountRecovery,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { tableDefinition } from '#functions/store/table';
import { acknowledge } from './nag';
import { ServerFunction } from './server-function';

export interface DecideTogetherStackProps extends StackProps {
  /** The Remix client build (build/client), uploaded to the assets bucket. */
  assetsPath: string;
  /** The server Lambda's code folder (build/lambda), made by `npm run build`. */
  serverCodePath: string;
  /** Globally unique prefix of the Cognito hosted sign-in domain. */
  signInDomainPrefix: string;
}

/**
 * Decide Together in one stack: the table, the server Lambda behind an HTTP
 * API, static assets in S3, CloudFront in front of both, and Cognito for
 * clinicians' sign-in.
 */
export class DecideTogetherStack extends Stack {
  constructor(scope: Construct, id: string, props: DecideTogetherStackProps) {
    super(scope, id, props);

    // Data: health data, so encrypted with our own key, recoverable to any second of 35 days, and never deleted by a deploy.
    const dataKey = new Key(this, 'DataKey', {
      description: 'Decide Together: table and logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    dataKey.grantEncryptDecrypt(new ServicePrincipal(`logs.${this.region}.amazonaws.com`));
    const { partitionKey, sortKey, indexes, timeToLiveAttribute } = tableDefinition;
    const table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: Object.entries(indexes).map(([indexName, index]) => ({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.nonKeyAttributes],
      })),
      timeToLiveAttribute,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(dataKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Clinicians sign in with Cognito's hosted pages (authorization code + PKCE).
    const userPool = new UserPool(this, 'Clinicians', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(userPool, {
      'AwsSolutions-COG8':
        'Threat protection needs the Cognito Plus plan; MFA is required for every clinician. Revisit with the production deployment.',
    });
    const signInDomain = userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
    });

    // Assets: hashed file names, cached for a year, private bucket read by CloudFront only.
    const assets = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(assets, {
      'AwsSolutions-S1':
        'Holds only the public, hashed JavaScript and CSS of the site; no patient data.',
      'HIPAA.Security-S3BucketLoggingEnabled':
        'Holds only the public, hashed JavaScript and CSS of the site; no patient data.',
      'HIPAA.Security-S3BucketReplicationEnabled':
        'Rebuilt from source on every deploy; nothing to recover.',
      'HIPAA.Security-S3DefaultEncryptionKMS':
        'Public static files; SSE-S3 lets CloudFront read them through origin access control without a key policy.',
    });

    const api = new HttpApi(this, 'Api', { createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Status and timing only: no paths (patient links carry tokens), no query strings, no cookies.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            method: '$context.httpMethod',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // The viewer's address for the app's rate limits: API Gateway sees only CloudFront's.
    // Set here, it replaces whatever a client sent under the same name.
    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        "function handler(event) { event.request.headers['x-viewer-address'] = { value: event.viewer.ip }; return event.request; }",
      ),
    });
    const distribution = new Distribution(this, 'Site', {
      comment: 'Decide Together',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', api.apiEndpoint)), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [
          { function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST },
        ],
        compress: true,
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: S3BucketOrigin.withOriginAccessControl(assets),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
    });
    acknowledge(distribution, {
      'AwsSolutions-CFR1': 'Patients and clinicians may be anywhere; no country is excluded.',
      'AwsSolutions-CFR2':
        'A web ACL (rate limiting, managed rules) comes with the production deployment; the HTTP API stage throttles meanwhile.',
      'AwsSolutions-CFR3':
        'CloudFront access logs record full URLs, and patient links carry their token in the path: they are not written. API Gateway logs status and timing without paths.',
      'AwsSolutions-CFR4':
        'The default *.cloudfront.net certificate allows older TLS; a custom domain with TLSv1.2_2021 comes with the production deployment.',
    });
    const publicOrigin = `https://${distribution.distributionDomainName}`;

    const client = new UserPoolClient(this, 'WebClient', {
      userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${publicOrigin}/auth/callback`],
        logoutUrls: [`${publicOrigin}/signin`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });

    const server = new ServerFunction(this, 'Server', {
      codePath: props.serverCodePath,
      logKey: dataKey,
      description: 'Decide Together: API and pages',
    });
    server.bindTable(table, dataKey);
    server.bindMemberDirectory(userPool);
    server.addEnvironment('PUBLIC_ORIGIN', publicOrigin);
    server.addEnvironment('OIDC_ISSUER', userPool.userPoolProviderUrl);
    server.addEnvironment('OIDC_CLIENT_ID', client.userPoolClientId);
    server.addEnvironment(
      'OIDC_LOGOUT_URL',
      `${signInDomain.baseUrl()}/logout?client_id=${client.userPoolClientId}&logout_uri=${publicOrigin}/signin`,
    );
    acknowledge(server, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'The AWS-managed basic execution role: writing its own logs only.',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]':
        'Scoped to the one data key, for the encrypted table.',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]':
        'Scoped to the one data key, for the encrypted table.',
      'AwsSolutions-IAM5[Resource::<TableCD117FA1.Arn>/index/*]':
        "Queries on the table's own indexes.",
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray PutTraceSegments and PutTelemetryRecords accept no narrower resource.',
      'HIPAA.Security-IAMNoInlinePolicy':
        'The inline policy is generated from grants scoped to this table and key; the stack test pins its actions.',
      'HIPAA.Security-LambdaConcurrency':
        'The HTTP API stage throttles requests; reserved concurrency would fail in new accounts whose limit is 10, so it is set per deployment.',
      'HIPAA.Security-LambdaDLQ':
        'Invoked synchronously by API Gateway: a failed request is answered, not queued.',
      'HIPAA.Security-LambdaInsideVPC':
        'Reaches only DynamoDB and Cognito over TLS with IAM; a VPC would add NAT cost and cold-start time without narrowing access.',
    });
    acknowledge(api, {
      'AwsSolutions-APIG4':
        'The app authenticates every request itself (session cookie or JWT verified against Cognito), and patient pages use link capabilities no authorizer knows.',
    });
    api.addRoutes({
      path: '/{proxy+}',
      integration: new HttpLambdaIntegration('ServerIntegration', server),
    });
    api.addRoutes({
      path: '/',
      integration: new HttpLambdaIntegration('ServerRootIntegration', server),
    });

    const deployAssets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(props.assetsPath)],
      destinationBucket: assets,
      // Keep earlier hashed files: pages already open still load them after a deploy.
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      distribution,
      distributionPaths: ['/assets/*'],
    });
    // The upload runs in CDK's own singleton Lambda, during deploys only.
    const uploader = this.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    acknowledge(uploader ?? deployAssets, {
      'AwsSolutions-L1': "CDK's asset-upload function; its runtime is chosen by aws-cdk-lib.",
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        "CDK's asset-upload function writes only its own logs.",
      'AwsSolutions-IAM5[Action::s3:Abort*]': 'CDK asset upload into the assets bucket.',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'CDK asset upload into the assets bucket.',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'CDK asset upload into the assets bucket.',
      'AwsSolutions-IAM5[Action::s3:GetObject*]': 'CDK asset upload from the CDK staging bucket.',
      'AwsSolutions-IAM5[Action::s3:List*]': 'CDK asset upload into the assets bucket.',
      'AwsSolutions-IAM5[Resource::*]':
        'CloudFront invalidation after upload accepts no narrower resource.',
      'AwsSolutions-IAM5[Resource::<Assets9A31D427.Arn>/*]': 'Objects of the assets bucket only.',
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${this.account}-${this.region}/*]`]:
        "Reads the deploy's files from the CDK bootstrap staging bucket.",
      'HIPAA.Security-IAMNoInlinePolicy':
        "Generated by CDK's BucketDeployment, scoped to the two buckets.",
      'HIPAA.Security-LambdaConcurrency': 'Runs once per deploy.',
      'HIPAA.Security-LambdaDLQ': 'Invoked synchronously by CloudFormation.',
      'HIPAA.Security-LambdaInsideVPC': 'Touches only S3 and CloudFront, during deploys.',
    });

    new CfnOutput(this, 'Url', { value: publicOrigin });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
  }
}
