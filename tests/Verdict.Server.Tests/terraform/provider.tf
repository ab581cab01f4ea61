# The AWS provider pointed at a Verdict test server: static test keys, no account lookups, every service on one endpoint.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  type = string
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    verifiedpermissions = var.endpoint
    cognitoidentity     = var.endpoint
    cognitoidp          = var.endpoint
  }
}
