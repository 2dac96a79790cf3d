package com.example.myamazingapp.infra;

import com.example.myamazingapp.infra.logs.ApplicationLogArchive;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Everything of one environment that runs and keeps the application's data, one construct per section of the document:
 * storage (the buckets), network (VPC1), database (RDS_DB_instance1), load balancer (ALB1), service (ECS), and the
 * archive of the application's logs. Storage comes first because the VPC's flow logs go to the logging bucket.
 */
public class ApplicationStack extends EnvironmentStack {

    private final Storage storage;
    private final Network network;
    private final Database database;
    private final LoadBalancer loadBalancer;
    private final Service service;

    public ApplicationStack(Construct scope, String id, EnvironmentConfig config, Registry registry) {
        super(scope, id, config, "myamazingapp " + config.name() + ": network, storage, database and service");
        storage = new Storage(this, "storage", config);
        network = new Network(this, "network", config, storage.loggingBucket());
        database = new Database(this, "database", config, network.vpc(), network.privateSubnetsAccess());
        // A CloudFormation parameter of type AWS::SSM::Parameter::Value<String>: resolved at each deploy.
        var imageTag = StringParameter.valueForStringParameter(this, config.imageTagParameterName());
        loadBalancer = new LoadBalancer(this, "load_balancer", config, network, storage);
        service = new Service(
                this,
                "service",
                new Service.Props(config, network, storage, database, loadBalancer, registry.repository(), imageTag));
        // The document keeps the application's CloudWatch logs on S3: log group -> Firehose -> app-logs/.
        new ApplicationLogArchive(
                this,
                "app_logs",
                new ApplicationLogArchive.Props(
                        service.logGroup(),
                        storage.loggingBucket(),
                        config.logs().retentionDays(),
                        config.logs().archiveDays()));
    }

    public Storage storage() {
        return storage;
    }

    public Network network() {
        return network;
    }

    public Database database() {
        return database;
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public Service service() {
        return service;
    }
}
